// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.DetailCode;

/**
 * The detail codes attached to generated risk events, with their frequencies. The lists are built
 * once and shared by all events with the same details.
 */
final class EventCodes {

    static final String NOTIFIER = "notifier";
    /** The dental adapter's own code system for the kind of appointment (see its README). */
    static final String APPOINTMENT = "dental.service";
    static final String VISIT = "visit";
    static final String TREATMENT = "treatment";
    static final String ABSENCE = "absence";
    static final String ABSENCE_PERCENT = "absence.percent";

    static final int MIN_ABSENCE_PERCENT = 15;
    static final int MAX_ABSENCE_PERCENT = 75;

    /** Who notified, in percent of all notifications (schools, health services and police as published). */
    private static final String[] NOTIFIERS = {"SCHOOL", "HEALTH", "POLICE", "DAYCARE", "MUNICIPALITY", "CITIZEN", "OTHER"};
    private static final double[] NOTIFIER_WEIGHTS = {21, 20, 13, 10, 17, 12, 7};

    private final Weighted<List<DetailCode>> notificationUnderSix;
    private final Weighted<List<DetailCode>> notificationOfPupil;
    private final Weighted<List<DetailCode>> dental;
    private final Weighted<List<DetailCode>> healthVisit;
    private final Weighted<List<DetailCode>> psychiatric;
    private final Weighted<List<DetailCode>> substance;
    private final Weighted<List<DetailCode>> cashBenefit;
    private final List<DetailCode> unemployed = List.of(new DetailCode(DetailCode.SOCIO, "200", "Arbejdsløs"));
    private final List<DetailCode> disabilityPension = List.of(new DetailCode(DetailCode.SOCIO, "411", "Førtidspension"));
    private final List<List<DetailCode>> absence = new ArrayList<>();

    EventCodes() {
        notificationUnderSix = notifications(true);
        notificationOfPupil = notifications(false);
        dental = Weighted.<List<DetailCode>>builder()
                .add(List.of(DetailCode.of(APPOINTMENT, "EXAMINATION")), 65)
                .add(List.of(DetailCode.of(APPOINTMENT, "TREATMENT")), 35).build();
        healthVisit = Weighted.<List<DetailCode>>builder()
                .add(List.of(DetailCode.of(VISIT, "HOME_VISIT")), 60)
                .add(List.of(DetailCode.of(VISIT, "CONSULTATION")), 40).build();
        psychiatric = Weighted.<List<DetailCode>>builder()
                .add(sks("DF32", "Depressiv enkeltepisode"), 30)
                .add(sks("DF41", "Andre angsttilstande"), 22)
                .add(sks("DF43", "Belastnings- og tilpasningsreaktion"), 22)
                .add(sks("DF33", "Periodisk depression"), 8)
                .add(sks("DF60", "Personlighedsforstyrrelse"), 6)
                .add(sks("DF20", "Skizofreni"), 4)
                .add(sks("DF31", "Bipolar affektiv sindslidelse"), 4)
                .add(sks("DF50", "Spiseforstyrrelse"), 2)
                .add(sks("DF90", "Hyperkinetisk forstyrrelse"), 2).build();
        substance = Weighted.<List<DetailCode>>builder()
                .add(List.of(DetailCode.of(TREATMENT, "ALCOHOL"), new DetailCode(DetailCode.SKS, "DF10", "Alkohol")), 65)
                .add(List.of(DetailCode.of(TREATMENT, "DRUGS"), new DetailCode(DetailCode.SKS, "DF12", "Cannabis")), 17)
                .add(List.of(DetailCode.of(TREATMENT, "DRUGS"), new DetailCode(DetailCode.SKS, "DF19", "Flere stoffer")), 10)
                .add(List.of(DetailCode.of(TREATMENT, "DRUGS"), new DetailCode(DetailCode.SKS, "DF14", "Kokain")), 8).build();
        cashBenefit = Weighted.<List<DetailCode>>builder()
                .add(List.of(new DetailCode(DetailCode.SOCIO, "318", "Kontanthjælp")), 80)
                .add(List.of(new DetailCode(DetailCode.SOCIO, "319", "Integrationsydelse")), 20).build();
        for (int p = MIN_ABSENCE_PERCENT; p <= MAX_ABSENCE_PERCENT; p++) {
            absence.add(List.of(DetailCode.of(ABSENCE, "UNLAWFUL"), DetailCode.of(ABSENCE_PERCENT, Integer.toString(p))));
        }
    }

    /** KLE number and notifier; a child under six is notified about by its day care rather than a school, and vice versa. */
    List<DetailCode> notification(SplittableRandom rng, boolean underSix) {
        return (underSix ? notificationUnderSix : notificationOfPupil).pick(rng);
    }

    List<DetailCode> dental(SplittableRandom rng) {
        return dental.pick(rng);
    }

    List<DetailCode> healthVisit(SplittableRandom rng) {
        return healthVisit.pick(rng);
    }

    List<DetailCode> psychiatric(SplittableRandom rng) {
        return psychiatric.pick(rng);
    }

    List<DetailCode> substance(SplittableRandom rng) {
        return substance.pick(rng);
    }

    List<DetailCode> unemployed() {
        return unemployed;
    }

    List<DetailCode> cashBenefit(SplittableRandom rng) {
        return cashBenefit.pick(rng);
    }

    List<DetailCode> disabilityPension() {
        return disabilityPension;
    }

    List<DetailCode> absence(int percent) {
        int p = Math.max(MIN_ABSENCE_PERCENT, Math.min(MAX_ABSENCE_PERCENT, percent));
        return absence.get(p - MIN_ABSENCE_PERCENT);
    }

    private static Weighted<List<DetailCode>> notifications(boolean underSix) {
        DetailCode generic = new DetailCode(DetailCode.KLE, "27.24.00", "Særlig støtte til børn og unge");
        DetailCode investigation = new DetailCode(DetailCode.KLE, "27.24.03", "Børnefaglig undersøgelse");
        Weighted.Builder<List<DetailCode>> b = Weighted.builder();
        for (int i = 0; i < NOTIFIERS.length; i++) {
            String notifier = NOTIFIERS[i];
            if (underSix && notifier.equals("SCHOOL") || !underSix && notifier.equals("DAYCARE")) {
                continue; // its weight goes to the other one
            }
            double w = NOTIFIER_WEIGHTS[i];
            if (notifier.equals("SCHOOL") || notifier.equals("DAYCARE")) {
                w = NOTIFIER_WEIGHTS[0] + NOTIFIER_WEIGHTS[3];
            }
            DetailCode who = DetailCode.of(NOTIFIER, notifier);
            b.add(List.of(generic, who), w * 0.7);
            b.add(List.of(investigation, who), w * 0.3);
        }
        return b.build();
    }

    private static List<DetailCode> sks(String code, String display) {
        return List.of(new DetailCode(DetailCode.SKS, code, display));
    }
}
