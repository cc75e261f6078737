// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.outreach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.TrialStore;
import dk.tidlig.store.TrialStore.Allocation;
import dk.tidlig.store.TrialStore.Arm;
import dk.tidlig.store.TrialStore.Draw;

/**
 * The order of offers by lottery, a wait-list design: when a score run flags more households than the outreach staff can
 * reach, a recorded lottery among the households that were never in the trial decides which of them this month's list
 * offers help to and which wait ({@code waitListMonths}); households whose wait has ended come first. Off by default
 * ({@code offerOrder = RANKED}) and refused unless the legal basis in force names the lottery.
 *
 * <p>The draw can be checked: each household's place is the SHA-256 of the run's random seed and its offer id, in
 * ascending order, so anyone with the seed (kept with the run and in the audit trail) and the run's eligible offers gets
 * the same order; nobody can choose a household's place without choosing the seed after seeing the list, and the seed is
 * drawn from {@link SecureRandom} after the run was stored.
 */
@Component(service = OfferLottery.class, configurationPid = OutreachConfig.PID)
public class OfferLottery {

    public static final String LOTTERY = "LOTTERY";
    public static final String RANKED = "RANKED";

    private final ScoreStore scores;
    private final TrialStore trial;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();
    private volatile OutreachConfig config;

    @Activate
    public OfferLottery(@Reference ScoreStore scores, @Reference TrialStore trial, @Reference AuditTrail audit, OutreachConfig config) {
        this.scores = scores;
        this.trial = trial;
        this.audit = audit;
        modified(config);
    }

    @Modified
    void modified(OutreachConfig config) {
        String order = config.offerOrder().strip().toUpperCase(Locale.ROOT);
        if (!order.equals(LOTTERY) && !order.equals(RANKED)) {
            throw new IllegalArgumentException("offerOrder in " + OutreachConfig.PID + ".cfg is RANKED or LOTTERY, not '" + config.offerOrder() + "'");
        }
        this.config = config;
    }

    public boolean enabled() {
        return config.offerOrder().strip().equalsIgnoreCase(LOTTERY);
    }

    /** Refuses a lottery the legal basis does not name; called before a run is stored. */
    public void check(LegalBasis basis) throws LegalBasisException {
        if (enabled() && !basis.namesLottery()) {
            throw new LegalBasisException(LegalBasisException.Reason.LOTTERY_NOT_NAMED, "scoring refused: offers are to be drawn by lottery (offerOrder = LOTTERY in " + OutreachConfig.PID
                    + ".cfg), but the legal basis '" + basis.id() + "' does not name a lottery (namesLottery in dk.tidlig.legalbasis.cfg): "
                    + "set offerOrder = RANKED, or name the basis that permits it");
        }
    }

    /** Draws the run's offers when the lottery is on; audited. */
    public Optional<Draw> draw(ScoreRun run, LegalBasis basis) throws LegalBasisException {
        if (!enabled()) {
            return Optional.empty();
        }
        check(basis);
        int capacity = Math.max(1, config.capacityPerMonth());
        List<String> flagged = scores.flaggedOffers(run.id(), Integer.MAX_VALUE);
        Map<String, Allocation> known = trial.allocations(run.municipalityCode(), flagged);
        // households wait-listed by an earlier lottery whose wait has ended: offered first, the longest waiting first
        List<Allocation> waited = known.values().stream()
                .filter(a -> a.arm() == Arm.WAIT && a.listedRun() == null && a.waitUntil() != null && a.waitUntil().isBefore(run.asOf()))
                .sorted(Comparator.comparing(Allocation::asOf).thenComparing(a -> a.rank() == null ? Integer.MAX_VALUE : a.rank()))
                .limit(capacity).toList();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        List<String> fresh = new ArrayList<>(flagged.stream().filter(o -> !known.containsKey(o)).toList());
        fresh.sort(Comparator.comparing((String o) -> place(seed, o), Arrays::compareUnsigned).thenComparing(o -> o));
        int slots = capacity - waited.size();
        Map<String, Integer> families = fresh.isEmpty() ? Map.of() : scores.familiesPerOffer(run.id());
        List<Allocation> allocated = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            boolean offer = i < slots;
            allocated.add(new Allocation(0, run.municipalityCode(), run.id(), run.asOf(), fresh.get(i), offer ? Arm.OFFER : Arm.WAIT, i,
                    families.getOrDefault(fresh.get(i), 0), offer ? null : run.asOf().plusMonths(Math.max(1, config.waitListMonths())),
                    offer ? run.id() : null, null, null, null));
        }
        int offered = Math.min(slots, fresh.size());
        Draw draw = new Draw(run.id(), run.municipalityCode(), run.asOf(), seed, fresh.size(), offered, fresh.size() - offered, waited.size(), basis.id(),
                Instant.now());
        trial.saveDraw(draw, allocated, waited.stream().map(Allocation::id).toList());
        audit.record(Actor.system(run.municipalityCode()), Action.OFFER_LOTTERY, "run " + run.id(), "seed " + HexFormat.of().formatHex(seed).replaceAll("(.{8})(?!$)", "$1 ") + ": "
                + fresh.size() + " households drawn, " + offered + " offered, " + (fresh.size() - offered) + " wait-listed until "
                + run.asOf().plusMonths(Math.max(1, config.waitListMonths())) + "; " + waited.size() + " offered after their wait; legal basis "
                + basis.id());
        return Optional.of(draw);
    }

    /** A household's place in a draw: SHA-256 of the seed and the offer id. */
    static byte[] place(byte[] seed, String offerId) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(seed);
            d.update(offerId.getBytes(StandardCharsets.US_ASCII));
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
