// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.Entry;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.Member;
import dk.tidlig.core.outreach.Outreach.Purpose;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.score.FamilyRole;

/**
 * The synthetic municipality's outreach trial, end to end: the history up to the lottery's day is delivered and the
 * outcome events after it held back; a score run as of that day draws the offers by lottery; an outreach worker works
 * the list through the real workflow (assigns, contacts, and records each household's answer: it accepts with the
 * given probability, else declines and is erased); then the held-back outcome events are delivered through the adapters,
 * except that for each household that accepted, with probability {@code effect}, the help prevented all of its children's
 * outcomes. What this did to the accepting households is the true effect, written to {@code trial-truth.json} for
 * comparison with {@code bin/tidlig evaluate effect}.
 */
final class TrialSimulation {

    /** The outcome events a trial is judged on: held back from the first delivery when they fall after the lottery's day. */
    static final Set<dk.tidlig.model.Indicator> OUTCOMES = OutcomeDefinition.DEFAULT.indicators();
    static final String WORKER = "opsoeger";
    static final int[] MONTHS = {12, 24};

    private final double effect;
    private final double acceptance;
    private final LocalDate asOf;
    private final SplittableRandom rng;

    TrialSimulation(double effect, double acceptance, LocalDate asOf, long seed) {
        this.effect = effect;
        this.acceptance = acceptance;
        this.asOf = asOf;
        this.rng = new SplittableRandom(seed * 7919 + 17);
    }

    /** The lottery's day for a demo made today: both follow-ups (12 and 24 months) lie behind it. */
    static LocalDate lotteryDay(LocalDate today) {
        return today.minusMonths(24);
    }

    boolean heldBack(RiskEvent e) {
        return OUTCOMES.contains(e.indicator()) && e.start().isAfter(asOf);
    }

    /** The data as delivered before the lottery: everything but the outcome events after its day. */
    SyntheticData history(SyntheticData all) {
        return withEvents(all, all.events().stream().filter(e -> !heldBack(e)).toList(), all.brokenShare());
    }

    /** What the outreach worker did with the list, and to whom: each offered household's children's CPR numbers. */
    record Worked(int offered, int accepted, int declined, List<Set<String>> accepting, List<Set<String>> declining) {
    }

    /** Works the list as an outreach worker would: each household assigned, contacted, and its answer recorded. */
    Worked work(Outreach outreach, String tenant) throws LegalBasisException {
        Actor worker = new Actor(WORKER, Role.OUTREACH_WORKER, tenant);
        List<Entry> list = outreach.worklist(worker).families();
        List<Set<String>> accepting = new ArrayList<>();
        List<Set<String>> declining = new ArrayList<>();
        for (Entry household : list) {
            int v = outreach.transition(worker, household.familyId(), household.version(), State.ASSIGNED, null);
            // the worker contacts the household: each child's family is opened to see whom the offer is for
            Set<String> children = new HashSet<>();
            for (Outreach.Child c : household.children()) {
                FamilyView view = outreach.open(worker, c.familyId(), Purpose.CONTACT);
                view.members().stream().filter(m -> m.role() == FamilyRole.CHILD).map(Member::identity)
                        .filter(i -> i != null && i.cpr() != null).forEach(i -> children.add(i.cpr()));
            }
            v = outreach.transition(worker, household.familyId(), v, State.CONTACTED, null);
            if (rng.nextDouble() < acceptance) {
                outreach.transition(worker, household.familyId(), v, State.ACCEPTED, null);
                accepting.add(children);
            } else {
                outreach.decline(worker, household.familyId(), v);
                declining.add(children);
            }
        }
        return new Worked(list.size(), accepting.size(), declining.size(), accepting, declining);
    }

    /**
     * The truth of the simulation, per follow-up: {true effect among the offered (intention to treat), among the accepting
     * (complier average), the offered households' outcome rate as it turned out, the declining households' outcome rate}.
     */
    record Truth(int offered, int accepted, int prevented, int delivered, Map<Integer, double[]> byMonths) {
    }

    /**
     * The held-back outcome events as they turn out: an accepting household's are all prevented with probability
     * {@code effect}. Returns the data to deliver (the register again, so that declined households' markers can be checked,
     * and the outcome events) and the truth.
     */
    Map.Entry<SyntheticData, Truth> followUp(SyntheticData all, Worked worked) {
        Map<String, List<RiskEvent>> later = new HashMap<>();
        for (RiskEvent e : all.events()) {
            if (heldBack(e)) {
                later.computeIfAbsent(e.subjectCpr(), k -> new ArrayList<>()).add(e);
            }
        }
        Set<String> preventedChildren = new HashSet<>();
        int prevented = 0;
        Map<Integer, double[]> sums = new HashMap<>(); // months -> {sum of y1 - y0 over accepting, outcomes among offered, among declining}
        for (int m : MONTHS) {
            sums.put(m, new double[3]);
        }
        for (Set<String> household : worked.accepting()) {
            boolean prevents = rng.nextDouble() < effect;
            prevented += prevents ? 1 : 0;
            for (int m : MONTHS) {
                boolean y0 = outcome(household, later, m);
                sums.get(m)[0] -= prevents && y0 ? 1 : 0;
                sums.get(m)[1] += !prevents && y0 ? 1 : 0;
            }
            if (prevents) {
                preventedChildren.addAll(household);
            }
        }
        for (Set<String> household : worked.declining()) {
            for (int m : MONTHS) {
                boolean y0 = outcome(household, later, m);
                sums.get(m)[1] += y0 ? 1 : 0;
                sums.get(m)[2] += y0 ? 1 : 0;
            }
        }
        List<RiskEvent> delivered = all.events().stream().filter(e -> heldBack(e) && !preventedChildren.contains(e.subjectCpr())).toList();
        Map<Integer, double[]> byMonths = new HashMap<>();
        for (int m : MONTHS) {
            double[] v = sums.get(m);
            byMonths.put(m, new double[] {share(v[0], worked.offered()), share(v[0], worked.accepted()), share(v[1], worked.offered()),
                    share(v[2], worked.declined())});
        }
        return Map.entry(withEvents(all, delivered, 0), new Truth(worked.offered(), worked.accepted(), prevented, delivered.size(), byMonths));
    }

    /** Whether one of the household's children has an outcome within m months after the lottery. */
    private boolean outcome(Set<String> household, Map<String, List<RiskEvent>> later, int m) {
        LocalDate end = asOf.plusMonths(m);
        return household.stream().flatMap(c -> later.getOrDefault(c, List.of()).stream()).anyMatch(e -> !e.start().isAfter(end));
    }

    private static double share(double count, int of) {
        return of == 0 ? 0 : count / of;
    }

    /** trial-truth.json: the simulation's settings and true effects, as differences in the share of households with an outcome. */
    void writeTruth(Path file, Truth t) throws IOException {
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"effect\":%s,\"acceptance\":%s,\"as_of\":\"%s\",\"offered\":%d,"
                + "\"accepted\":%d,\"declined\":%d,\"prevented\":%d,\"windows\":[", effect, acceptance, asOf, t.offered(), t.accepted(),
                t.offered() - t.accepted(), t.prevented()));
        for (int i = 0; i < MONTHS.length; i++) {
            double[] v = t.byMonths().get(MONTHS[i]);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"months\":%d,\"true_itt\":%.6f,\"true_cace\":%.6f,"
                    + "\"offered_rate\":%.6f,\"declined_outcome_rate\":%.6f}", MONTHS[i], v[0], v[1], v[2], v[3]));
        }
        json.append("]}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    static SyntheticData withEvents(SyntheticData d, List<RiskEvent> events, double brokenShare) {
        return new SyntheticData(d.municipalityCode(), d.extractDate(), d.persons(), d.names(), d.addresses(), d.relations(), events, brokenShare,
                d.citizenships(), d.previousAddresses());
    }
}
