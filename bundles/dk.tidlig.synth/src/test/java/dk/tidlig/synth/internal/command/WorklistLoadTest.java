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
    void withAThinkTimeEachUserWaitsThatLongBetweenAnAnswerAndItsNextRequest() throws Exception {
        WorklistLoad.Result r = load(4).run(() -> false, Duration.ofMillis(1_300), Duration.ofMillis(300));
        assertThat(r.failed()).isZero();
        // about four requests each in 1.3 s; without the think time it would be hundreds
        assertThat(r.requests()).isBetween(8L, 24L);
        for (List<Long> times : asked.values()) {
            for (int i = 1; i < times.size(); i++) {
                assertThat((times.get(i) - times.get(i - 1)) / 1_000_000).isGreaterThanOrEqualTo(300);
            }
        }
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
