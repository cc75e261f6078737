// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;

/**
 * The demo's way through the gate that lets no model run unevaluated: it evaluates the configured model on the
 * synthetic municipality's history, then its administrator ({@code admin}) asks for the activation and its data
 * protection officer ({@code dpo}) approves, as two people would. Only in the demo's own home, on synthetic data: a real
 * installation goes through the same steps by hand (bin/tidlig evaluate, then the Models page).
 */
final class DemoActivation {

    static final String ADMINISTRATOR = "admin";
    static final String DATA_PROTECTION_OFFICER = "dpo";

    private DemoActivation() {
    }

    /** Evaluates, asks and approves; prints the headline figures; returns the evaluation. */
    static Evaluation evaluateAndActivate(EvidenceService evidence, ModelActivation activation, String tenant, boolean demoHome, LocalDate asOf,
            PrintStream out) throws LegalBasisException {
        if (!demoHome) {
            throw new IllegalStateException("the demo's administrator and data protection officer act only in the demo's own home");
        }
        EvidenceService.Result result = evidence.evaluate(Actor.system(tenant), tenant, List.of(), asOf, null, null, null);
        Evaluation e = result.evaluations().get(0);
        out.println(headline(e, result.ids().get(0)));
        out.println("  report: " + result.reportDir().resolve("report.html") + " (and report.pdf)");
        ModelActivation.Check check = activation.check(tenant, e.model());
        String justification = null;
        if (!check.meetsMinimums()) {
            out.println("  misses the minimums of config/dk.tidlig.evidence.cfg: " + String.join("; ", check.shortfalls()));
            justification = "Demonstration on a synthetic municipality: activated to show the list, not to offer anyone help.";
        }
        ModelActivation.Activation requested = activation.request(new Actor(ADMINISTRATOR, Role.ADMINISTRATOR, tenant), e.model(), justification);
        ModelActivation.Activation approved = activation.approve(new Actor(DATA_PROTECTION_OFFICER, Role.DATA_PROTECTION_OFFICER, tenant), requested.id());
        out.printf(Locale.ROOT, "Activation %d of %s %s: asked for by the administrator (%s)%s, approved by the data protection officer (%s).%n",
                approved.id(), approved.modelId(), approved.modelVersion(), ADMINISTRATOR, justification == null ? "" : " with a justification",
                DATA_PROTECTION_OFFICER);
        return e;
    }

    static String headline(Evaluation e, long id) {
        long outside = e.groups().stream().filter(g -> Boolean.FALSE.equals(g.withinTolerance())).count();
        return String.format(Locale.ROOT, "Evaluation %d of %s %s as of %s (outcome: %s): AUC %.3f (95 %% interval %.3f-%.3f); the list holds %,d "
                + "of %,d families (%.1f per 1,000 children), precision %.1f %%, recall %.1f %%; cut at the capacity of %d: precision %.1f %%; "
                + "calibration error %.3f; %d group%s outside the tolerance.", id, e.model(), e.version(), e.asOf(), e.outcome(), e.auc(), e.aucLow(),
                e.aucHigh(), e.listSize(), e.families(), e.flaggedPer1000Children(), 100 * e.precisionAtList(), 100 * e.recallAtList(), e.capacity(),
                100 * e.precisionAtCapacity(), e.ece(), outside, outside == 1 ? "" : "s");
    }
}
