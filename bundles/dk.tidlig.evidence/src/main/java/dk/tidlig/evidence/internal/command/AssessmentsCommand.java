// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.internal.Assessments;
import dk.tidlig.evidence.internal.EvidenceConfig;

/**
 * {@code bin/tidlig assessments [--out DIR] [--municipality NNN]}: drafts the data protection impact assessment (GDPR art. 35)
 * and the fundamental-rights impact assessment (AI Act art. 27) from the data inventory, the legal basis, the retention
 * settings, the configured model and its latest evaluation, as HTML and PDF for the data protection officer to complete and
 * sign; prints one JSON line with where they are. Nothing about a person is in them.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=assessments",
        configurationPid = {EvidenceConfig.PID, EvidenceConfig.OUTREACH_PID})
public class AssessmentsCommand implements TidligCommand {

    private final Backtest backtest;
    private final EvidenceService evidence;
    private final LegalBasisGate legalBasis;
    private final Transparency transparency;
    private final Tenant tenant;
    private final EvidenceConfig config;
    private final Path home;
    /** Whether offers go by a recorded lottery ({@code offerOrder = LOTTERY} in dk.tidlig.outreach), so that the effect is measured. */
    private final boolean lottery;

    @Activate
    public AssessmentsCommand(BundleContext context, @Reference Backtest backtest, @Reference EvidenceService evidence,
            @Reference LegalBasisGate legalBasis, @Reference Transparency transparency, @Reference Tenant tenant, EvidenceConfig config,
            java.util.Map<String, Object> properties) {
        this(backtest, evidence, legalBasis, transparency, tenant, config, Path.of(Optional.ofNullable(context.getProperty("tidlig.home")).orElse("")),
                "LOTTERY".equalsIgnoreCase(String.valueOf(properties.getOrDefault("offerOrder", "RANKED")).strip()));
    }

    public AssessmentsCommand(Backtest backtest, EvidenceService evidence, LegalBasisGate legalBasis, Transparency transparency, Tenant tenant,
            EvidenceConfig config, Path home, boolean lottery) {
        this.lottery = lottery;
        this.backtest = backtest;
        this.evidence = evidence;
        this.legalBasis = legalBasis;
        this.transparency = transparency;
        this.tenant = tenant;
        this.config = config;
        this.home = home;
    }

    @Override
    public String usage() {
        return "assessments [--out DIR] [--force] [--municipality NNN]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        CommandArguments a = new CommandArguments(args, Set.of("--out", "--municipality"), Set.of("--force"));
        String municipality = a.text("--municipality", tenant.municipalityCode());
        if (!municipality.matches("[1-9]\\d{2}")) {
            throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
        }
        Path dir = home.resolve(a.text("--out", "var/assessments/" + municipality + "/" + java.time.LocalDateTime.now().withNano(0).toString()
                .replace(':', '-'))).toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(dir.resolve("dpia.html")) && !a.flag("--force")) {
            // a draft the data protection officer may have begun to complete
            throw new IllegalArgumentException(dir + " already holds assessments: choose another --out, or add --force to replace them");
        }
        // the model configuration names for use; its evaluation on the municipality's own data (the same digest)
        Optional<PointModel> model = backtest.configuredModelId().flatMap(backtest::model);
        Optional<EvidenceService.Stored> evaluation = evidence.evaluations(municipality, 50).stream()
                .filter(s -> model.isPresent() && s.evaluation().digest().equals(model.get().digest())
                        && "database".equals(s.evaluation().outcomeSource())).findFirst();
        Assessments.Written w = Assessments.write(dir, new Assessments.Facts(municipality, LocalDate.now(), legalBasis.configured(),
                transparency.dataInventory(), model, evaluation, config.toleranceLow(), config.toleranceHigh(), lottery));
        java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("municipality", municipality);
        line.put("dpia", w.dpiaHtml().toString());
        line.put("dpia_pdf", w.dpiaPdf().toString());
        line.put("fria", w.friaHtml().toString());
        line.put("fria_pdf", w.friaPdf().toString());
        line.put("model", model.map(PointModel::id).orElse(null));
        line.put("evaluation", evaluation.map(EvidenceService.Stored::id).orElse(null));
        line.put("legal_basis", legalBasis.configured().map(b -> b.id()).orElse(null));
        out.println(new ObjectMapper().writeValueAsString(line));
        return 0;
    }
}
