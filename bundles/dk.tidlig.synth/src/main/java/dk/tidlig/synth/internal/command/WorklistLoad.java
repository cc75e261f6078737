// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A bounded load test of the worklist API on this machine: outreach workers, each with HTTP Basic credentials of
 * their own, each asking for the worklist again a think time after the last answer came (none: at once; else drawn
 * around the given mean, each user starting at a moment of their own), until told to stop. Latency is measured per request from sending to the whole body received. The users sign in one after the
 * other before the load starts (a browser's session pays its sign-in once, and fifty at once from one address would
 * be held back by the limit on sign-in attempts), so the figures are of the worklist alone.
 */
final class WorklistLoad {

    /**
     * @param requests every request counted after the warm-up
     * @param failed   of them, answers other than 200 and requests that failed
     */
    record Result(int users, long requests, long failed, double p50Ms, double p95Ms, double p99Ms, double maxMs, double seconds,
            java.util.Map<String, Long> outcomes) {
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final URI worklist;
    private final URI tokens;
    private final List<String> basics;
    /** Each user's token (Authorization: Bearer), once signed in. */
    private final List<String> authorizations;
    private final HttpClient client;

    /** @param users user name and password of each user */
    WorklistLoad(int port, List<String[]> users) {
        this.worklist = URI.create("http://127.0.0.1:" + port + "/api/v1/worklist");
        this.tokens = URI.create("http://127.0.0.1:" + port + "/api/v1/tokens");
        this.basics = users.stream().map(u -> "Basic " + Base64.getEncoder().encodeToString((u[0] + ":" + u[1]).getBytes(StandardCharsets.UTF_8)))
                .toList();
        this.authorizations = new ArrayList<>(basics);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Waits until the API signs the first user in (the web bundle started), at most the timeout.
     *
     * @return 200, or the last status seen (0: nothing listened)
     */
    int awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = signIn(0);
                if (status == 200) {
                    return status;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return status;
    }

    private int send(String authorization) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(worklist).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Signs user {@code i} in, as an API client does: one password check at POST /tokens, then the token it answers. */
    private int signIn(int i) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokens).timeout(Duration.ofSeconds(30)).header("Authorization", basics.get(i))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            return answer.statusCode() == 200 ? 502 : answer.statusCode();
        }
        authorizations.set(i, "Bearer " + token.group(1));
        return 200;
    }

    /**
     * Signs every user in, one after the other, each with a token for its requests.
     *
     * @return the status of the first user whose sign-in was not answered 200, or 200
     */
    int signIn() throws IOException, InterruptedException {
        for (int i = 0; i < basics.size(); i++) {
            int status = signIn(i);
            if (status != 200) {
                return status;
            }
        }
        return 200;
    }

    /**
     * Runs the users until {@code stop} says so or {@code max} has passed.
     *
     * @param think how long each user waits after an answer before asking again (zero: at once, the saturating case)
     */
    Result run(BooleanSupplier stop, Duration max, Duration think) throws InterruptedException {
        int users = authorizations.size();
        ExecutorService pool = Executors.newFixedThreadPool(users, r -> {
            Thread t = new Thread(r, "worklist-load");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long end = start + max.toNanos();
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.ConcurrentMap<String, Long> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<Future<long[]>> futures = new ArrayList<>();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(THINK_SEED);
        for (int u = 0; u < users; u++) {
            String authorization = authorizations.get(u);
            // a generator of each user's own (java.util.Random's first draws for neighbouring seeds lie close together)
            java.util.SplittableRandom random = seeds.split();
            futures.add(pool.submit(() -> {
                long[] times = new long[1024];
                int n = 0;
                if (!think.isZero()) {
                    // each user starts at a moment of their own within the first think time, not all at once
                    Thread.sleep((long) (random.nextDouble() * think.toMillis()));
                }
                while (!stop.getAsBoolean() && System.nanoTime() < end) {
                    long t = System.nanoTime();
                    String outcome;
                    try {
                        outcome = Integer.toString(send(authorization));
                    } catch (IOException e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    boolean ok = outcome.equals("200");
                    long took = System.nanoTime() - t;
                    outcomes.merge(outcome, 1L, Long::sum);
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = took;
                    if (!think.isZero()) {
                        Thread.sleep(thinkMillis(random, think));
                    }
                }
                return Arrays.copyOf(times, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : futures) {
            try {
                long[] t = f.get();
                long[] merged = Arrays.copyOf(all, all.length + t.length);
                System.arraycopy(t, 0, merged, all.length, t.length);
                all = merged;
            } catch (java.util.concurrent.ExecutionException e) {
                failed.incrementAndGet();
            }
        }
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(all);
        return new Result(users, all.length, failed.get(), percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, seconds, java.util.Map.copyOf(outcomes));
    }

    /** The users' think times are drawn from this seed: the same each run. */
    static final long THINK_SEED = 2018;

    /**
     * A think time: exponentially distributed with the given mean (at most five times it), as the pauses of people who
     * act independently of each other. A fixed pause kept the users in step: after the first round all of them asked at
     * nearly the same moment, a burst of fifty requests a think time apart, and the figure measured how long two cores
     * take to answer a burst, light load or not.
     */
    static long thinkMillis(java.util.random.RandomGenerator random, Duration mean) {
        double m = mean.toMillis();
        return Math.round(Math.min(5 * m, -m * Math.log(1 - random.nextDouble())));
    }

    /** The nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
