// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.transparency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Statistics;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.ScoreStore;

/**
 * The latest run's statistics, computed once per run (a run never changes) from one streamed read of its families into
 * primitive arrays.
 */
@Component(service = Statistics.class)
public class StatisticsImpl implements Statistics {

    /** The width of a bin of points. */
    static final int BIN = 500;
    /** Points from which one open bin collects the rest. */
    static final int TOP = 8000;

    private final ScoreStore scores;
    private final Transparency transparency;
    private final ConcurrentHashMap<Long, Distribution> byRun = new ConcurrentHashMap<>();

    @Activate
    public StatisticsImpl(@Reference ScoreStore scores, @Reference Transparency transparency) {
        this.scores = scores;
        this.transparency = transparency;
    }

    @Override
    public Optional<Distribution> distribution(Actor actor) {
        if (actor.role() == Role.SYSTEM) {
            throw new AccessDeniedException("statistics are for people");
        }
        Optional<ScoreRun> run = scores.latestRun(actor.tenant());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        ModelCard card = transparency.modelCard(actor.tenant());
        Distribution d = byRun.computeIfAbsent(run.get().id(), id -> compute(run.get(), card.threshold(), card.minIndicators()));
        if (byRun.size() > 8) {
            byRun.keySet().removeIf(id -> id < run.get().id() - 4);
        }
        return Optional.of(d);
    }

    static Distribution compute(ScoreRun run, int threshold, int minIndicators, ScoreStore.RunFigures f) {
        int[] bins = new int[TOP / BIN + 1];
        int zero = 0;
        for (int s : f.scores()) {
            if (s <= 0) {
                zero++;
            } else {
                bins[Math.min(s / BIN, bins.length - 1)]++;
            }
        }
        List<Bin> out = new ArrayList<>();
        for (int i = 0; i < bins.length; i++) {
            out.add(new Bin(i * BIN, i == bins.length - 1 ? 0 : (i + 1) * BIN, bins[i]));
        }
        TreeSet<Integer> thresholds = new TreeSet<>(List.of(500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000));
        thresholds.add(threshold);
        List<Cut> cuts = new ArrayList<>();
        for (int t : thresholds) {
            int n = 0;
            for (int i = 0; i < f.scores().length; i++) {
                if (f.scores()[i] >= t && f.indicators()[i] >= minIndicators) {
                    n++;
                }
            }
            cuts.add(new Cut(t, n, t == threshold));
        }
        return new Distribution(run, threshold, minIndicators, f.scores().length, zero, out, cuts, f.flaggedPerIndicator());
    }

    private Distribution compute(ScoreRun run, int threshold, int minIndicators) {
        return compute(run, threshold, minIndicators, scores.figures(run.id()));
    }
}
