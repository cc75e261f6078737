// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.ScoringService;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.model.score.ScoreRun;

/** {@code bin/tidlig score [--as-of yyyy-MM-dd] [--municipality NNN]}: runs the active model. */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=score")
public class ScoreCommand implements TidligCommand {

    private final ScoringService scoring;
    private final Tenant tenant;

    @Activate
    public ScoreCommand(@Reference ScoringService scoring, @Reference Tenant tenant) {
        this.scoring = scoring;
        this.tenant = tenant;
    }

    @Override
    public String usage() {
        return "score [--as-of yyyy-MM-dd] [--municipality NNN]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        LocalDate asOf = LocalDate.now();
        String municipality = tenant.municipalityCode();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            switch (a) {
                case "--as-of" -> {
                    try {
                        asOf = LocalDate.parse(args.get(++i));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--as-of takes a date yyyy-MM-dd");
                    }
                }
                case "--municipality" -> {
                    municipality = args.get(++i).strip().replaceFirst("^0", "");
                    if (!municipality.matches("[1-9]\\d{2}")) {
                        throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (asOf.isAfter(LocalDate.now())) {
            throw new IllegalArgumentException("--as-of must not lie in the future: open periods would count up to a day that has not come");
        }
        try {
            ScoreRun run = scoring.run(municipality, asOf);
            out.println(describe(run));
            return 0;
        } catch (LegalBasisException | dk.tidlig.core.ModelNotActiveException e) {
            throw new Refused(3, e.getMessage());
        }
    }

    /** One line about a run, as the score command and the demo print it. */
    public static String describe(ScoreRun run) {
        return "score run " + run.id() + ": " + run.familiesScored() + " families scored, " + run.familiesFlagged() + " flagged (model "
                + run.modelId() + " " + run.modelVersion() + ", as of " + run.asOf() + ", window from " + run.windowStart() + ", legal basis "
                + run.legalBasisId() + ", input fingerprint " + run.inputFingerprint().substring(0, 16) + "…)";
    }
}
