// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The load test against a real HTTP server on a free port that notes who asked when. */
class WorklistLoadTest {

    private HttpServer server;
    private final Map<String, List<Long>> asked = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> signedIn = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/tokens", x -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            String user = new String(java.util.Base64.getDecoder().decode(x.getRequestHeaders().getFirst("Authorization").substring(6)),
                    StandardCharsets.UTF_8).split(":")[0];
            signedIn.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
            byte[] body = ("{\"token\":\"tok-" + user + "\",\"type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders("POST".equals(x.getRequestMethod()) ? 200 : 405, body.length);
            x.getResponseBody().write(body);
            x.close();
            inFlight.decrementAndGet();
        });
        server.createContext("/api/v1/worklist", x -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            if (!authorization.startsWith("Bearer tok-")) {
                x.sendResponseHeaders(401, -1);
                x.close();
                inFlight.decrementAndGet();
                return;
            }
            String user = authorization.substring("Bearer tok-".length());
            asked.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
            byte[] body = "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
            inFlight.decrementAndGet();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The users, signed in. */
    private WorklistLoad load(int users) throws Exception {
        List<String[]> credentials = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            credentials.add(new String[] {"user" + u, "secret"});
        }
        WorklistLoad load = new WorklistLoad(server.getAddress().getPort(), credentials);
        assertThat(load.signIn()).isEqualTo(200);
        return load;
    }

    @Test
    void everyUserSignsInOnceAndOneAfterTheOtherBeforeTheLoadAndThenSendsItsToken() throws Exception {
        WorklistLoad load = load(12);
        assertThat(signedIn).hasSize(12).allSatisfy((user, times) -> assertThat(times).hasSize(1));
        assertThat(mostInFlight).hasValue(1);
        assertThat(asked).as("no request before the load").isEmpty();
        WorklistLoad.Result r = load.run(() -> false, Duration.ofMillis(300), Duration.ofMillis(100));
        assertThat(r.outcomes()).as("every request with the user's token").containsOnlyKeys("200");
        assertThat(asked).hasSize(12);
        assertThat(signedIn).allSatisfy((user, times) -> assertThat(times).as("one password check each").hasSize(1));
    }

    @Test
    void withAThinkTimeEachUserPausesAboutThatLongOnAverageAndTheUsersDoNotAskInStep() throws Exception {
        WorklistLoad.Result r = load(8).run(() -> false, Duration.ofMillis(2_500), Duration.ofMillis(100));
        assertThat(r.failed()).isZero();
        // about 25 requests each in 2.5 s; without the think time it would be thousands
        assertThat(r.requests()).isBetween(100L, 400L);
        List<Long> gaps = new java.util.ArrayList<>();
        List<Long> firsts = new java.util.ArrayList<>();
        for (List<Long> times : asked.values()) {
            firsts.add(times.get(0));
            for (int i = 1; i < times.size(); i++) {
                gaps.add((times.get(i) - times.get(i - 1)) / 1_000_000);
            }
        }
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        double sd = Math.sqrt(gaps.stream().mapToDouble(g -> (g - mean) * (g - mean)).sum() / gaps.size());
        assertThat(mean).as("the mean pause").isBetween(70.0, 150.0);
        assertThat(sd).as("pauses of people, not of a clock: as spread as they are long").isGreaterThan(0.5 * mean);
        assertThat((java.util.Collections.max(firsts) - java.util.Collections.min(firsts)) / 1_000_000).as("the users start apart")
                .isGreaterThan(25L);
    }

    @Test
    void thinkTimesAreExponentialAroundTheirMeanAndReproducible() {
        java.util.Random a = new java.util.Random(7);
        java.util.Random b = new java.util.Random(7);
        double sum = 0;
        int shorterThanMean = 0;
        for (int i = 0; i < 20_000; i++) {
            long t = WorklistLoad.thinkMillis(a, Duration.ofMillis(1_000));
            assertThat(t).isBetween(0L, 5_000L).isEqualTo(WorklistLoad.thinkMillis(b, Duration.ofMillis(1_000)));
            sum += t;
            shorterThanMean += t < 1_000 ? 1 : 0;
        }
        // the mean a little under 1,000 ms for the cap at five times it; 1 - 1/e of the pauses shorter than the mean
        assertThat(sum / 20_000).isBetween(950.0, 1_010.0);
        assertThat(shorterThanMean / 20_000.0).isBetween(0.61, 0.65);
    }

    @Test
    void withoutAThinkTimeTheUsersAskAsFastAsTheServerAnswersUntilTold() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        WorklistLoad.Result r = load(4).run(() -> polls.incrementAndGet() > 400, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(r.requests()).isBetween(390L, 410L);
        assertThat(r.seconds()).isLessThan(30);
        assertThat(r.outcomes()).containsOnlyKeys("200");
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p95Ms());
    }
}
