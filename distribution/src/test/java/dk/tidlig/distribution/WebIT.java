// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import dk.tidlig.embeddeddb.TableScan;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The caseworkers' application and the REST API as the demo serves them: sign-in, roles, the errors of
 * the API, and in headless Chromium (Debian's chromium and chromium-driver) the outreach worker's way
 * from the list to a decline, after which the family has left the list, nothing of it is left in the
 * database, and the audit trail holds the decline without identifying it.
 */
@TestMethodOrder(OrderAnnotation.class)
class WebIT {

    static final Pattern FAMILY_ID = Pattern.compile("F-[B-Z]{5}-[B-Z]{5}");
    static Installation installation;
    static Process demo;
    static Path output;
    static String base;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** A real OpenID Connect provider (no.nav.security's mock-oauth2-server), in this JVM. */
    static MockOAuth2Server provider;

    @BeforeAll
    static void startTheProviderAndTheDemo() throws Exception {
        installation = Installation.copy("web-it");
        base = "http://127.0.0.1:" + installation.port;
        provider = new MockOAuth2Server();
        provider.start(0);
        // the municipality's own SSO, with its secret: the demo must neither use nor copy it
        Files.writeString(installation.home.resolve("config/dk.tidlig.web.oidc.cfg"), String.join("\n",
                "issuer = https://login.kommune.example/realms/kommune", "clientId = tidlig", ".clientSecret = " + PRODUCTION_SECRET,
                "redirectUri = https://tidlig.kommune.example/app/oidc/callback", "roleMapping = g=OUTREACH_WORKER", ""));
        // the demo's own SSO: the provider in this test, over plain http
        Files.writeString(installation.home.resolve("etc/demo/dk.tidlig.web.oidc.cfg"), String.join("\n",
                "issuer = " + provider.issuerUrl("kommune"),
                "clientId = tidlig",
                ".clientSecret = hemmelig",
                "redirectUri = " + base + "/app/oidc/callback",
                "roleClaim = groups",
                "roleMapping = tidlig-opsoegende=OUTREACH_WORKER, tidlig-teamleder=TEAM_LEAD, tidlig-revision=AUDITOR",
                "insecureHttpForTests = true",
                ""));
        // the auditors' alert at more than 15 families an hour (40 by default): the demo's list holds about 20
        Files.writeString(installation.home.resolve("etc/demo/dk.tidlig.web.cfg"), "\nfamiliesPerHourAlert = 15\n", java.nio.file.StandardOpenOption.APPEND);
        output = installation.home.resolve("demo.out");
        ProcessBuilder pb = new ProcessBuilder(installation.home.resolve("bin/tidlig").toString(), "demo", "--citizens", "2500")
                .directory(installation.home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("TIDLIG_JAVA_OPTS", "-Xmx1g -Dtidlig.demo.http.port=" + installation.port);
        demo = pb.start();
        for (int i = 0; i < 1200 && !Files.readString(output).contains("tidlig keeps running"); i++) {
            assertThat(demo.isAlive()).as(Files.readString(output)).isTrue();
            Thread.sleep(250);
        }
        assertThat(Files.readString(output)).contains("tidlig keeps running").contains(base + "/app/");
        try (var files = Files.walk(installation.home.resolve("var/demo/config"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("the demo holds no production secret: " + f).doesNotContain(PRODUCTION_SECRET)
                        .doesNotContain("login.kommune.example");
            }
        }
    }

    static final String PRODUCTION_SECRET = "production-client-secret-4711";

    @AfterAll
    static void stopTheDemoAndTheProvider() throws Exception {
        if (demo != null) {
            demo.destroy();
            demo.waitFor();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** Follows one sign-in through the provider; returns the callback's response. */
    static HttpResponse<String> signInWithSso(HttpClient browser) throws Exception {
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/oidc/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuerUrl("kommune").toString()).contains("code_challenge_method=S256").contains("nonce=");
        HttpResponse<String> atProvider = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(base + "/app/oidc/callback?");
        return browser.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(4)
    void signInWithTheMunicipalitysOpenIdConnectProvider() throws Exception {
        HttpResponse<String> login = get("/app/login");
        assertThat(login.body()).contains("href=\"/app/oidc/login\"");

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("andet", "tidlig-opsoegende")), 3600));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> done = signInWithSso(browser);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("tidlig_session=").contains("SameSite=Strict"));
        String list = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(list).contains("sso.anna").contains("id=\"worklist\"");

        // a user without any of the mapped groups is refused, and so is a callback whose state was not started here
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "d4e5f6", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.bo", "groups", List.of("andet")), 3600));
        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> refused = signInWithSso(other);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("tidlig_session=") && !c.startsWith("tidlig_session=;"));
        assertThat(get("/app/oidc/callback?state=forged&code=x").statusCode()).isEqualTo(401);
        // a user is the token's issuer and subject: another subject claiming the same user name is refused
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "z9y8x7", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("tidlig-teamleder")), 3600));
        HttpResponse<String> impostor = signInWithSso(HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
        assertThat(impostor.statusCode()).isEqualTo(401);
        // the first subject signs in again under the name bound to it, whatever name its token now claims
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "renamed", "groups", List.of("tidlig-opsoegende")), 3600));
        HttpClient again = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(signInWithSso(again).statusCode()).isEqualTo(200);
        assertThat(again.send(HttpRequest.newBuilder(URI.create(base + "/app/")).build(), HttpResponse.BodyHandlers.ofString()).body()).contains("sso.anna");
        // (an ID token for several clients without tidlig as its authorized party is refused: UsersAndSignInTest, as this
        // provider always issues its ID tokens to the client that asked)
        // anonymous requests to start a sign-in keep nothing on the server: a flood of them cannot lock SSO out
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            starts.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/app/oidc/login")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (java.util.concurrent.Future<Integer> f : starts) {
            assertThat(f.get()).isEqualTo(302);
        }
        pool.shutdown();
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("tidlig-opsoegende")), 3600));
        HttpClient afterFlood = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(signInWithSso(afterFlood).statusCode()).as("SSO still works after the flood").isEqualTo(200);
        // a completed sign-in's callback cannot be replayed, cookie and all
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("tidlig-opsoegende")), 3600));
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(base + "/app/oidc/login")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tidlig_oidc=")).findFirst().orElseThrow()
                .split(";")[0];
        String callback = http.send(HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        HttpRequest replayable = HttpRequest.newBuilder(URI.create(callback)).header("Cookie", cookie).build();
        assertThat(http.send(replayable, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(replayable, HttpResponse.BodyHandlers.ofString()).statusCode()).as("replayed").isEqualTo(401);

        // a deep link survives the provider's round trip: back to the page asked for, never to another site
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("tidlig-opsoegende")), 3600));
        HttpClient deep = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> toLogin = deep.send(HttpRequest.newBuilder(URI.create(base + "/app/model?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).isEqualTo("/app/login?return=%2Fapp%2Fmodel%3Fx%3D1");
        assertThat(deep.send(HttpRequest.newBuilder(URI.create(base + "/app/login?return=%2Fapp%2Fmodel%3Fx%3D1")).build(),
                HttpResponse.BodyHandlers.ofString()).body().replace("&#61;", "=")).contains("href=\"/app/oidc/login?return=%2Fapp%2Fmodel%3Fx%3D1\"");
        HttpResponse<String> deepStart = deep.send(HttpRequest.newBuilder(URI.create(base + "/app/oidc/login?return=%2Fapp%2Fmodel%3Fx%3D1")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> deepDone = deep.send(HttpRequest.newBuilder(URI.create(deep.send(HttpRequest.newBuilder(URI.create(
                deepStart.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deepDone.statusCode()).isEqualTo(200);
        assertThat(deepDone.body().replace("&#61;", "=")).contains("url=/app/model?x=1").contains("href=\"/app/model?x=1\"");
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("kommune", "a1b2c3", "JWT", List.of("tidlig"),
                Map.of("preferred_username", "sso.anna", "groups", List.of("tidlig-opsoegende")), 3600));
        HttpClient elsewhere = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> offsite = elsewhere.send(HttpRequest.newBuilder(URI.create(base + "/app/oidc/login?return=https%3A%2F%2Fevil.example%2F"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(offsite.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("tidlig_return="));
        HttpResponse<String> offsiteDone = elsewhere.send(HttpRequest.newBuilder(URI.create(elsewhere.send(HttpRequest.newBuilder(URI.create(
                offsite.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Location").orElseThrow())).header("Cookie", "tidlig_return=" + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("//evil.example/".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(offsiteDone.body().replace("&#61;", "=")).as("a forged cookie leads nowhere but the application").contains("url=/app/\"").doesNotContain("evil");

        // the SSO's outreach worker is one a team lead can assign cases to, and the administrator sees the account
        HttpClient lead = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(lead, "teamleder");
        assertThat(page(lead, "/app/").body()).contains("<option value=\"sso.anna\">");
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(admin, "admin");
        assertThat(page(admin, "/app/").body()).contains("<td>sso.anna</td>").contains("kommunens single sign-on, sidst logget ind");

        HttpResponse<String> trail = get("/api/v1/audit?action=SIGN_IN_REFUSED", "Authorization", auth("revisor"));
        assertThat(trail.body()).contains("OpenID Connect: the user sso.bo has none of the groups").contains("state does not match")
                .contains("bound to another SSO account").contains("completed already");
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the sign-in form, with its CSRF token; returns the form's response. */
    static HttpResponse<String> formSignIn(HttpClient browser, String user) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create(base + "/app/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&username=" + user + "&password=demo")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The API's authorization for a demo user: a token, asked for once with HTTP Basic at POST /api/v1/tokens. */
    static String auth(String user) throws Exception {
        String token = TOKENS.get(user);
        if (token == null) {
            HttpResponse<String> issued = postJson("/api/v1/tokens", "{}", "Authorization", basic(user));
            Matcher m = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{40,})\"").matcher(issued.body());
            assertThat(m.find()).as(issued.body()).isTrue();
            token = "Bearer " + m.group(1);
            TOKENS.put(user, token);
        }
        return token;
    }

    static String firstFamily() throws Exception {
        HttpResponse<String> list = get("/api/v1/worklist", "Authorization", auth("opsoeger"));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("\"offerOrder\":\"RANKED\"");
        Matcher m = FAMILY_ID.matcher(list.body());
        assertThat(m.find()).as("a flagged family on the demo's list").isTrue();
        return m.group();
    }

    @Test
    @Order(1)
    void pagesNeedASignInAndCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> app = get("/app/");
        assertThat(app.statusCode()).isEqualTo(302);
        assertThat(app.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/app/login"));
        assertThat(app.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'")
                .doesNotContain("unsafe-inline"));
        // the site's root leads to the application; an unknown page is the application's own, and names no server
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));
        for (String missing : List.of("/nosuch", "/app/family/F-BBBBB-BBBBB/nosuch", "/app/saml/metadata")) {
            HttpResponse<String> nothing = get(missing);
            assertThat(nothing.statusCode()).as(missing).isIn(302, 404);
            if (nothing.statusCode() == 404) {
                assertThat(nothing.body()).as(missing).contains("<html lang=\"da\"").contains("findes ikke").doesNotContainIgnoringCase("jetty");
                assertThat(nothing.headers().firstValue("Content-Security-Policy")).isPresent();
            }
        }
        // a deep link survives the sign-in: the sign-in page carries it back
        HttpResponse<String> deep = get("/app/audit?action=DECLINE");
        assertThat(deep.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/app/login?return=%2Fapp%2Faudit%3Faction%3DDECLINE"));
        HttpResponse<String> login = get("/app/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(get("/app/login?return=//evil.example/x").body()).as("only the application's own pages")
                .contains("name=\"return\" value=\"/app/\"");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'")
                .contains("frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(login.body()).contains("<html lang=\"da\"").contains("Log ind");

        // an address the server cannot parse never reaches tidlig: the server's bare 400, without its name, with the same protection
        for (String bad : List.of("/app/%zz", "/app/..%2f..%2fetc%2fpasswd")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", installation.port)) {
                socket.getOutputStream().write(("GET " + bad + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as(bad).startsWith("HTTP/1.1 400").contains("Content-Security-Policy: default-src 'none'")
                        .contains("X-Content-Type-Options: nosniff").doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("server:")
                        .doesNotContain("at org.");
            }
        }
        // what reaches tidlig and goes wrong there is tidlig's own page
        HttpResponse<String> unknown = get("/nosuch/page");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<html lang=\"da\"").contains("Siden eller familien findes ikke");

        // a sign-in without the form's token is refused (login CSRF)
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/app/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=opsoeger&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("tidlig_session="));

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedIn = formSignIn(browser, "opsoeger");
        assertThat(signedIn.statusCode()).as("see other: the sign-in form is never sent again").isEqualTo(303);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("tidlig_session=")
                .contains("HttpOnly").contains("SameSite=Strict"));

        // the administrator sees adapters and users, and no family
        HttpClient adminBrowser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(formSignIn(adminBrowser, "admin").statusCode()).isEqualTo(303);
        String admin = adminBrowser.send(HttpRequest.newBuilder(URI.create(base + "/app/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(admin).contains("id=\"users\"").contains("opsoeger").contains("id=\"inventory\"").doesNotContainPattern(FAMILY_ID);
        assertThat(adminBrowser.send(HttpRequest.newBuilder(URI.create(base + "/app/family/" + firstFamily())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

        String list = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(list).contains("id=\"worklist\"").containsPattern(FAMILY_ID);
        assertThat(LauncherIT.CPR_LIKE.matcher(list).find()).as("the list is pseudonymous").isFalse();
        // a POST without the session's CSRF token changes nothing
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/family/" + firstFamily() + "/open"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("purpose=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void theApiRefusesAnalystsAndAdministratorsAFamilysIdentityAndAnswersBadRequestsClearly() throws Exception {
        String family = firstFamily();
        String purpose = "{\"purpose\":\"CONTACT\"}";
        HttpResponse<String> anonymous = get("/api/v1/worklist");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("no browser prompt that would remember credentials").isEmpty();
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/families/" + family + "/decline"))
                .header("Content-Type", "text/plain").header("Authorization", auth("opsoeger"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as("what a cross-site form could send").isEqualTo(415);
        // refused before its body was read: the connection is not kept, and the answer says so (a client that sent its next
        // request on it found it closed without a word)
        assertThat(plain.headers().firstValue("Connection")).hasValue("close");
        assertThat(get("/api/v1/worklist", "Authorization", auth("analytiker")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/families/" + family, "Authorization", auth("analytiker")).statusCode()).isEqualTo(200);
        HttpResponse<String> analyst = postJson("/api/v1/families/" + family + "/reidentification", purpose, "Authorization", auth("analytiker"));
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.body()).contains("\"status\":403");
        assertThat(postJson("/api/v1/families/" + family + "/reidentification", purpose, "Authorization", auth("admin")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/worklist", "Authorization", auth("admin")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/audit", "Authorization", auth("opsoeger")).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/families/" + family + "/reidentification", "{\"purpose\":", "Authorization", auth("opsoeger")).statusCode())
                .isEqualTo(400);
        assertThat(postJson("/api/v1/families/" + family + "/reidentification", "{}", "Authorization", auth("opsoeger")).body())
                .contains("purpose is required");
        assertThat(postJson("/api/v1/families/" + family + "/reidentification", "{\"purpose\":\"visit Jens at home\"}", "Authorization",
                auth("opsoeger")).body()).as("free text is never stored: a fixed list").contains("purpose must be one of");
        assertThat(get("/api/v1/families/F-BBBBB-BBBBB", "Authorization", auth("opsoeger")).statusCode()).isEqualTo(404);
        assertThat(postJson("/api/v1/families/" + family + "/transitions", "{\"to\":\"ASSIGNED\",\"version\":7}", "Authorization", auth("opsoeger"))
                .statusCode()).isEqualTo(409);
        HttpResponse<String> opened = postJson("/api/v1/families/" + family + "/reidentification", purpose, "Authorization", auth("opsoeger"));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("\"members\":[").contains("\"cpr\":\"");
        assertThat(get("/api/v1/openapi.json").body()).containsPattern("\"openapi\": *\"3\\.0\\.3\"");

        // transparency: the model card and the data inventory for every role, the access report for team leads and auditors
        HttpResponse<String> card = get("/api/v1/model-card", "Authorization", auth("analytiker"));
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("\"id\":\"gladsaxe\"").contains("\"points\":3000").contains("DEMO-SYNTHETIC")
                .contains("\"activation\":{\"version\":\"2018-published-1\"").contains("\"intendedUse\":")
                .contains("\"offers\":{\"order\":\"RANKED\",\"capacityPerMonth\":12,\"waitListMonths\":12");
        HttpResponse<String> inventory = get("/api/v1/data-inventory", "Authorization", auth("admin"));
        assertThat(inventory.body()).contains("\"adapterId\":\"cpr\"").contains("\"adapterId\":\"dental\"").contains("HEALTH")
                .contains("\"eventRetentionMonths\":60");
        Matcher cpr = Pattern.compile("\"cpr\":\"(\\d{10})\"").matcher(opened.body());
        assertThat(cpr.find()).isTrue();
        String request = "{\"cpr\":\"" + cpr.group(1) + "\",\"reference\":\"AIN-2026-1\",\"identityCheck\":\"MITID\"}";
        assertThat(postJson("/api/v1/access-reports", request, "Authorization", auth("opsoeger")).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/access-reports", request, "Authorization", auth("teamleder")).statusCode())
                .as("the access report is the data protection officer's").isEqualTo(403);
        assertThat(postJson("/api/v1/access-reports", request.replace("AIN-2026-1", "just looking"), "Authorization", auth("dpo")).statusCode())
                .as("a registered request's reference in the set format").isEqualTo(400);
        HttpResponse<String> report = postJson("/api/v1/access-reports", request, "Authorization", auth("dpo"));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        // the same as a letter to the citizen: in Danish, the case reference printed, who opened the family by role (not by name)
        HttpClient dpo = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(dpo, "dpo");
        HttpResponse<String> letter = form(dpo, "/app/access", "cpr=" + cpr.group(1) + "&reference=AIN-2026-2&identityCheck=MITID&format=html");
        assertThat(letter.statusCode()).as(letter.body()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(letter.body()).as("shown once: reload shows the form").contains("data-replace=\"/app/access\"");
        assertThat(letter.body()).contains("Svar på din anmodning om indsigt").contains("Sagsnummer: <strong id=\"letter-reference\">AIN-2026-2")
                .contains("Datatilsynet").contains("Hvem har set oplysningerne").contains("Opsøgende medarbejder").doesNotContain(">opsoeger<")
                .doesNotContain("CHILD_DENTAL_NO_SHOW").doesNotContain("MOTHER_OF");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page(dpo, "/app/access").body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<byte[]> pdf = dpo.send(HttpRequest.newBuilder(URI.create(base + "/app/access")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&cpr=" + cpr.group(1)
                + "&reference=AIN-2026-3&identityCheck=MITID&format=pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        // a person of whom nothing is held gets a letter that says so, not an empty page
        HttpResponse<String> nobody = form(dpo, "/app/access", "cpr=0101004000&reference=AIN-2026-4&identityCheck=MITID&format=html");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(200);
        assertThat(nobody.body()).contains("Vi har ingen oplysninger om dig").contains("AIN-2026-4");
        assertThat(get("/api/v1/access-reports/reviews", "Authorization", auth("revisor")).body()).contains("\"reference\":\"AIN-2026-1\"");
        assertThat(postJson("/api/v1/access-reports/reviews", "{\"reference\":\"AIN-2026-1\"}", "Authorization", auth("revisor")).statusCode())
                .isEqualTo(200);
        assertThat(report.body()).contains("\"cpr\":\"" + cpr.group(1) + "\"").contains("\"appearances\":[{").contains("\"familyId\":\"" + family + "\"");
    }

    @Test
    @Order(3)
    void anOutreachWorkerOpensAFamilySeesItsExplanationAndRecordsTheDecline() throws Exception {
        WebDriver browser = browser();
        List<String> identities = new ArrayList<>();
        String family;
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            // the team lead's list: counted, paged, a bar per household; assigning needs no opening of anyone
            signIn(browser, "teamleder");
            assertThat(browser.findElement(By.id("counts")).getText()).matches("[\\d.]+ husstande \\([\\d.]+ børn\\) på listen; kørslen markerede [\\d.]+ familier\\.");
            assertThat(browser.findElements(By.cssSelector("#worklist tbody tr"))).hasSizeBetween(1, 50);
            assertThat(browser.findElements(By.cssSelector("#worklist svg.stack rect"))).isNotEmpty();
            // the last household on the page: the first one was opened through the API by the test before
            List<WebElement> assignable = browser.findElements(By.cssSelector("#worklist select[name=assignTo]"));
            WebElement assign = assignable.get(assignable.size() - 1);
            family = assign.getAttribute("id").substring("assign-".length());
            assertThat(family).matches(FAMILY_ID);
            assertThat(new Select(assign).getOptions()).extracting(o -> o.getAttribute("value")).as("the municipality's outreach workers only")
                    .containsExactly("", "opsoeger");
            new Select(assign).selectByValue("opsoeger");
            browser.findElement(By.cssSelector("button[aria-label='Tildel " + family + "']")).click();
            assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(family + " er tildelt opsoeger.");
            assertThat(browser.findElements(By.id("members"))).isEmpty();
            accessibilityBasics(browser, "nav-list");
            browser.findElement(By.id("nav-overview")).click();
            accessibilityBasics(browser, "nav-overview");
            assertThat(browser.findElement(By.id("workload-title")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("#months tbody tr"))).hasSize(12);
            assertThat(browser.getPageSource()).as("counts only").doesNotContain(family);
            browser.get(base + "/app/?worker=opsoeger");
            assertThat(browser.findElements(By.cssSelector("#worklist tbody tr th a"))).extracting(WebElement::getText).containsExactly(family);
            browser.findElement(By.id("signout")).click();

            // the worker opens the family once, and works the case on one page
            signIn(browser, "opsoeger");
            browser.get(base + "/app/family/" + family);
            assertThat(browser.findElements(By.cssSelector("#explanation tbody tr"))).isNotEmpty();
            assertThat(browser.findElements(By.id("members"))).as("pseudonymous until opened").isEmpty();
            new Select(browser.findElement(By.id("purpose"))).selectByValue("PREPARE_CONTACT");
            browser.findElement(By.id("open")).click();
            List<WebElement> members = browser.findElements(By.cssSelector("#members tbody tr"));
            assertThat(members).isNotEmpty();
            for (WebElement row : members) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                identities.add(cells.get(1).getText()); // name
                identities.add(cells.get(2).getText().replace("-", "")); // CPR number
            }
            assertThat(identities).allSatisfy(v -> assertThat(v).isNotBlank());
            assertThat(browser.findElement(By.id("working")).getText()).contains("»Forberede første kontakt«");
            assertThat(browser.findElement(By.id("total")).getText()).matches("[\\d.]+");
            assertThat(browser.findElement(By.id("timeline")).findElements(By.cssSelector("circle, rect"))).isNotEmpty();
            assertThat(browser.findElement(By.id("explanation")).getText()).as("the basis in words").doesNotContain(" once").doesNotContain("per occurrence");
            // a contact typed while the sign-in ends is not lost: after signing in again the case is back, with what was typed
            new Select(browser.findElement(By.id("contact-channel"))).selectByValue("PHONE");
            browser.findElement(By.id("contact-note")).sendKeys("Ringede; mor vil gerne høre mere om familiehuset");
            browser.manage().deleteCookieNamed("tidlig_session");
            browser.findElement(By.id("to-CONTACTED")).click();
            // a click does not wait for the page it leads to: the sign-in form's field does
            WebElement username = browser.findElement(By.id("username"));
            assertThat(browser.getCurrentUrl()).contains("/app/login?return=%2Fapp%2Ffamily%2F" + family);
            username.sendKeys("opsoeger");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.id("signin")).click();
            WebElement note = browser.findElement(By.id("contact-note"));
            assertThat(browser.getCurrentUrl()).endsWith("/app/family/" + family);
            assertThat(note.getAttribute("value")).isEqualTo("Ringede; mor vil gerne høre mere om familiehuset");
            assertThat(browser.findElement(By.id("contact-channel")).getAttribute("value")).isEqualTo("PHONE");
            assertThat(browser.findElement(By.cssSelector("form[data-keep$='CONTACTED'] .restored")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("#steps li"))).as("nothing was recorded without a session").hasSize(1);
            // a note that holds a CPR number is refused on the same page: said at the top, tied to the note, what was typed kept
            note.sendKeys(" (mor: 010190-1234)");
            browser.findElement(By.id("to-CONTACTED")).click();
            waitFor(browser, d -> !d.findElements(By.id("problem")).isEmpty());
            assertThat(browser.findElement(By.id("problem")).getText()).contains("CPR-nummer");
            WebElement refused = browser.findElement(By.id("contact-note"));
            assertThat(refused.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(refused.getAttribute("aria-describedby")).contains("problem");
            assertThat(refused.getAttribute("value")).as("what was typed is back").startsWith("Ringede; mor vil gerne høre mere om familiehuset");
            assertThat(browser.getCurrentUrl()).as("Back and reload show the case").endsWith("/app/family/" + family);
            assertThat(browser.findElements(By.cssSelector("#steps li"))).as("nothing recorded").hasSize(1);
            refused.clear();
            refused.sendKeys("Ringede; mor vil gerne høre mere om familiehuset");
            // a contact, recorded on the same page: confirmed, the history updated, the family still shown
            browser.findElement(By.id("to-CONTACTED")).click();
            assertThat(browser.findElement(By.id("done")).getText()).contains("»Kontaktet«");
            assertThat(browser.findElement(By.id("steps")).getText()).contains("Telefon").contains("familiehuset");
            assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).hasSize(members.size());
            // Back and reload show pages again; they never send the form again
            browser.navigate().back();
            assertThat(browser.getCurrentUrl()).endsWith("/app/family/" + family);
            browser.navigate().forward();
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector("#steps li"))).as("assigned, contacted: no step twice").hasSize(2);
            // a decline asks first, with the family's answer, and says what it will erase and whom it concerns
            browser.findElement(By.id("decline")).click();
            assertThat(browser.findElement(By.id("affected")).getText()).contains("barnet");
            assertThat(browser.findElement(By.id("will-erase")).getText()).contains("revisionssporet");
            browser.findElement(By.id("reason-NO_NEED")).click();
            browser.findElement(By.id("confirm-decline")).click();
            assertThat(browser.findElement(By.id("declined")).getText()).contains("fjernet");
            assertThat(browser.findElement(By.id("erased")).getText()).contains("scoreresultat").contains("revisionssporet");
            assertThat(browser.getCurrentUrl()).doesNotContain(family);
            browser.get(base + "/app/");
            assertThat(browser.getPageSource()).doesNotContain(family);
            browser.findElement(By.id("signout")).click();

            signIn(browser, "revisor");
            assertThat(browser.findElement(By.id("chain")).getText()).contains("intakt");
            List<WebElement> declines = browser.findElements(By.xpath("//table[@id='audit']//tr[@data-action='DECLINE']"));
            assertThat(declines).hasSize(1);
            assertThat(declines.get(0).getText()).doesNotContain(family).contains("opsoeger").contains("Familie har takket nej").contains("(Har ikke brug for hjælp)").doesNotContain("NO_NEED");
            // the trail filtered by user and action, in words, and exported with the same filters
            new Select(browser.findElement(By.id("audit-action"))).selectByValue("STATE_CHANGE");
            browser.findElement(By.id("audit-actor")).sendKeys("teamleder");
            browser.findElement(By.id("audit-filter")).click();
            waitFor(browser, d -> d.getCurrentUrl().contains("action=STATE_CHANGE"));
            assertThat(browser.findElements(By.cssSelector("#audit tbody tr"))).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getText()).contains("teamleder").contains("Sag ændret"));
            String export = browser.findElement(By.id("audit-export")).getAttribute("href");
            assertThat(export).contains("/app/audit/export.csv?action=STATE_CHANGE&actor=teamleder");
            for (String identity : identities) {
                assertThat(browser.getPageSource()).doesNotContain(identity);
            }
            browser.findElement(By.id("nav-model")).click();
            assertThat(browser.findElements(By.cssSelector("#rules tbody tr"))).hasSizeGreaterThan(5);
            assertThat(browser.findElement(By.id("flag")).getText()).contains("1.500");
            assertThat(browser.findElement(By.id("rules")).getText()).as("codes as words").doesNotContain("PER_YEAR").doesNotContain("PER_EVENT")
                    .doesNotContain("MUNICIPAL_DECISION").contains("pr. år");
            assertThat(browser.findElement(By.id("validation")).getText()).startsWith("Aktiv: version 2018-published-1");
            assertThat(browser.findElements(By.cssSelector("#headline tr"))).hasSizeGreaterThan(5);
            assertThat(browser.findElement(By.id("card-intendedUse")).getText()).contains("frivillig hjælp");
            browser.findElement(By.id("nav-evidence")).click();
            browser.findElement(By.cssSelector("#evaluations tbody tr td a")).click();
            waitFor(browser, d -> d.getTitle().startsWith("Evaluering af gladsaxe"));
            assertThat(browser.getTitle()).startsWith("Evaluering af gladsaxe");
            assertThat(browser.findElements(By.tagName("svg"))).as("the charts, inline").hasSize(4);
            browser.navigate().back();
            browser.findElement(By.id("signout")).click();

            // the analyst's statistics: pictures with their numbers, and no family anywhere
            signIn(browser, "analytiker");
            accessibilityBasics(browser, "nav-list");
            browser.findElement(By.id("nav-statistics")).click();
            accessibilityBasics(browser, "nav-statistics");
            assertThat(browser.findElements(By.cssSelector("figure.chart svg rect.bar"))).hasSizeGreaterThan(5);
            assertThat(browser.findElement(By.cssSelector("#cuts tr.current")).getText()).contains("modellens tærskel");
            // the evaluation's own charts on the page, as its report draws them
            for (String chart : List.of("roc", "list", "reliability", "groups")) {
                assertThat(browser.findElements(By.cssSelector("#evaluation-" + chart + " svg"))).as(chart).hasSize(1);
            }
            assertThat(browser.findElement(By.id("evaluation-roc-caption")).getText()).startsWith("ROC-kurven");
            assertThat(browser.getPageSource()).doesNotContainPattern(FAMILY_ID);
            browser.findElement(By.id("nav-model")).click();
            waitFor(browser, d -> "page".equals(d.findElement(By.id("nav-model")).getAttribute("aria-current")));
            assertThat(browser.findElements(By.id("cuts"))).as("the model card shows what each threshold would flag").hasSize(1);
            // the language chosen is remembered by this browser for the next sign-in
            browser.findElement(By.cssSelector("header form[action='/app/language'] button")).click();
            waitFor(browser, d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            browser.findElement(By.id("signout")).click();
            waitFor(browser, d -> d.getCurrentUrl().contains("/app/login"));
            browser.get(base + "/app/login");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.id("signin")).getText()).isEqualTo("Sign in");
        } finally {
            browser.quit();
        }
        // the demo's own population again (same size, seed and day): every CPR number delivered, and the family's written addresses
        dk.tidlig.adapter.SyntheticData delivered = dk.tidlig.synth.internal.population.PopulationGenerator.generate(2500, 2018,
                java.time.LocalDate.now(), "159", 0.002).data();
        java.util.Set<String> everybody = new java.util.HashSet<>();
        delivered.persons().forEach(p -> everybody.add(p.cpr()));
        assertThat(everybody).contains(identities.get(1));
        List<String> addresses = delivered.addresses().stream().filter(a -> identities.contains(a.cpr()) && a.streetName() != null)
                .map(dk.tidlig.model.AddressRecord::streetName).distinct().toList();
        assertThat(addresses).as("the family's written addresses, as the CPR extract delivered them").isNotEmpty();
        List<String> needles = new ArrayList<>(identities);
        needles.addAll(addresses);
        needles.add("familiehuset"); // the contact's note: sealed while the case lived, erased with it
        assertNothingOfTheFamilyInTheDatabase(needles);
        assertNothingOfTheFamilyInAnyLog(List.of(family));
        // after import, a decline and retention, no file of the installation holds a delivered person's CPR number, nor the
        // family's names and addresses: the inboxes are empty, the deliveries sealed, the vault and quarantine encrypted
        Installation.Run purge = installation.tidlig("retention", "--demo", "purge");
        assertThat(purge.code()).as(purge.err()).isZero();
        // a --demo command sets the demo users' passwords anew, and a new password ends a user's tokens
        TOKENS.clear();
        dk.tidlig.embeddeddb.FileScan.Result files = dk.tidlig.embeddeddb.FileScan.find(installation.home, everybody,
                needles.stream().filter(i -> !i.matches("\\d{10}")).toList());
        assertThat(files.places()).as("personal data in clear text in a file of the installation").isEmpty();
        assertThat(files.files()).isGreaterThan(100);
        HttpResponse<String> gone = postJson("/api/v1/families/" + family + "/reidentification", "{\"purpose\":\"CONTACT\"}", "Authorization",
                auth("opsoeger"));
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void anApiClientSignsInOnceAndEveryRouteTheDescriptionNamesIsServed() throws Exception {
        // one password check for a token; then the token, no password, until it is ended
        HttpResponse<String> issued = postJson("/api/v1/tokens", "{}", "Authorization", basic("analytiker"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{40,})\"").matcher(issued.body());
        assertThat(token.find()).as(issued.body()).isTrue();
        String bearer = "Bearer " + token.group(1);
        assertThat(postJson("/api/v1/tokens", "{}", "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "analytiker:wrong".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/worklist", "Authorization", bearer).statusCode()).isEqualTo(200);
        }
        long perRequestMs = (System.nanoTime() - start) / 20 / 1_000_000;
        assertThat(perRequestMs).as("no password hash per request (one takes about 160 ms)").isLessThan(150);
        assertThat(get("/api/v1/audit", "Authorization", bearer).statusCode()).as("the token carries the analyst's role").isEqualTo(403);
        assertThat(get("/api/v1/worklist", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
        assertThat(postJson("/api/v1/tokens", "{}", "Authorization", bearer).statusCode()).as("a token does not renew itself").isEqualTo(401);
        // the password travels once: HTTP Basic anywhere but POST /tokens is refused, and says what to do instead
        HttpResponse<String> everywhere = get("/api/v1/worklist", "Authorization", basic("analytiker"));
        assertThat(everywhere.statusCode()).isEqualTo(401);
        assertThat(everywhere.body()).contains("POST /api/v1/tokens only");
        HttpResponse<String> ended = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).DELETE().header("Authorization", bearer)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ended.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/worklist", "Authorization", bearer).statusCode()).as("ended").isEqualTo(401);

        // the description against the routes: every path and method it names is served (a refusal, not "no such resource")
        com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/api/v1/openapi.json").body()).path("paths");
        String family = firstFamily();
        List<String> probed = new ArrayList<>();
        // a token of its own: the probe's DELETE /tokens ends it
        HttpResponse<String> probeToken = postJson("/api/v1/tokens", "{}", "Authorization", basic("admin"));
        Matcher probeMatch = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{40,})\"").matcher(probeToken.body());
        assertThat(probeMatch.find()).as(probeToken.body()).isTrue();
        String probe = "Bearer " + probeMatch.group(1);
        for (java.util.Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String path = it.next();
            for (java.util.Iterator<String> methods = paths.path(path).fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                String url = "/api/v1" + path.replace("{familyId}", family);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + url)).header("Authorization", probe);
                HttpResponse<String> r = http.send((switch (method) {
                    case "GET" -> b.GET();
                    case "POST" -> b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
                    default -> b.method(method, HttpRequest.BodyPublishers.noBody());
                }).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isNotEqualTo(405);
                assertThat(r.body()).as(method + " " + path).doesNotContain("no such resource");
                probed.add(method + " " + path);
            }
        }
        assertThat(probed).hasSizeGreaterThanOrEqualTo(14).contains("POST /tokens", "GET /access-reports/reviews");
        // and the probe can fail: a route the description does not name is "no such resource"
        assertThat(get("/api/v1/families", "Authorization", auth("admin")).body()).contains("no such resource");
    }

    @Test
    @Order(6)
    void anAdministratorAsksADataProtectionOfficerDecidesAndNobodyElseCan() throws Exception {
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient dpo = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient analyst = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(admin, "admin");
        formSignIn(dpo, "dpo");
        formSignIn(analyst, "analytiker");
        assertThat(page(analyst, "/app/models").statusCode()).isEqualTo(403);
        String models = page(admin, "/app/models").body();
        assertThat(models).contains("id=\"request-gladsaxe\"").contains("aktiv");
        // a justification that holds a CPR number is refused, in Danish; a request with a proper one goes to the officer
        HttpResponse<String> refused = form(admin, "/app/models/request", "model=gladsaxe&justification=" + java.net.URLEncoder.encode(
                "Godkendt efter samtale med 0101901234 om evalueringen.", StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Begrundelsen er højst").contains("CPR-nummer").doesNotContain("0101901234")
                .as("the models page again, the justification marked").contains("id=\"request-gladsaxe\"").contains("aria-invalid=\"true\"");
        HttpResponse<String> asked = form(admin, "/app/models/request", "model=gladsaxe&justification=" + java.net.URLEncoder.encode(
                "WebIT: a second activation, to see that the officer decides.", StandardCharsets.UTF_8));
        assertThat(asked.statusCode()).as("post-redirect-get: " + asked.body()).isEqualTo(303);
        Matcher id = Pattern.compile("^/app/models\\?requested=(\\d+)$").matcher(asked.headers().firstValue("Location").orElse(""));
        assertThat(id.find()).as(asked.headers().toString()).isTrue();
        String activation = id.group(1);
        assertThat(page(admin, "/app/models?requested=" + activation).body()).contains("Anmodning " + activation + " er sendt");
        assertThat(form(admin, "/app/models/" + activation + "/approve", "").statusCode()).as("an administrator does not approve").isEqualTo(403);
        assertThat(form(analyst, "/app/models/" + activation + "/approve", "").statusCode()).isEqualTo(403);
        assertThat(page(dpo, "/app/models").body()).contains("id=\"approve-" + activation + "\"");
        HttpResponse<String> approved = form(dpo, "/app/models/" + activation + "/approve", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        assertThat(approved.headers().firstValue("Location")).hasValue("/app/models?decided=" + activation);
        assertThat(page(dpo, "/app/models?decided=" + activation).body()).contains("Aktivering " + activation + ": aktiv");
        assertThat(form(dpo, "/app/models/" + activation + "/approve", "").statusCode()).as("a replay").isEqualTo(400);
        HttpResponse<byte[]> report = admin.send(HttpRequest.newBuilder(URI.create(base + "/app/evidence/1/report.pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(new String(report.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(page(admin, "/app/evidence/999999").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void anAdministratorSeesTheDeliveriesAndReadsAQuarantinedLineOnlyWithAReasonAndNobodyElseCan() throws Exception {
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient lead = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(admin, "admin");
        formSignIn(lead, "teamleder");
        assertThat(page(admin, "/app/").body()).as("the administrator's page leads to the deliveries").contains("href=\"/app/deliveries\"");
        String list = page(admin, "/app/deliveries").body();
        assertThat(list).contains("id=\"sources\"").contains("id=\"deliveries\"").contains("fuldført").contains("hver 7 dage").contains("inbox");
        // the demo breaks some records on purpose: a delivery with quarantined lines links to them
        Matcher withQuarantine = Pattern.compile("href=\"/app/deliveries/(\\d+)#quarantine\"").matcher(list);
        assertThat(withQuarantine.find()).as(list).isTrue();
        String delivery = withQuarantine.group(1);
        assertThat(page(lead, "/app/deliveries").statusCode()).as("a team lead does not see deliveries").isEqualTo(403);
        assertThat(page(lead, "/app/deliveries/" + delivery).statusCode()).isEqualTo(403);
        assertThat(page(admin, "/app/deliveries/99999999").statusCode()).isEqualTo(404);

        String view = page(admin, "/app/deliveries/" + delivery).body();
        Matcher line = Pattern.compile("name=\"line\" value=\"(\\d+)\"").matcher(view);
        assertThat(line.find()).as(view).isTrue();
        assertThat(view).contains("id=\"quarantined\"").contains("id=\"counts\"");
        String open = "/app/deliveries/" + delivery + "/open";
        assertThat(form(lead, open, "line=" + line.group(1) + "&reason=curious").statusCode()).as("a team lead does not read it").isEqualTo(403);
        assertThat(form(admin, open, "line=" + line.group(1) + "&reason=").statusCode()).as("not without a reason").isEqualTo(400);
        assertThat(form(admin, open, "line=" + line.group(1) + "&reason=1503224012").statusCode()).as("a reason is never a CPR number")
                .isEqualTo(400);
        HttpResponse<String> shown = form(admin, open, "line=" + line.group(1) + "&reason=" + java.net.URLEncoder.encode("WebIT vendor ticket 9",
                StandardCharsets.UTF_8));
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(shown.body()).as("shown once: reload shows the delivery").contains("data-replace=\"/app/deliveries/" + delivery + "\"");
        Matcher content = Pattern.compile("<pre class=\"identity\" id=\"content\">([^<]+)</pre>").matcher(shown.body());
        assertThat(content.find()).as(shown.body()).isTrue();
        HttpClient auditor = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(auditor, "revisor");
        assertThat(page(auditor, "/app/audit?action=QUARANTINE_OPENED").body()).as("the reading is in the audit trail, with its reason")
                .contains("delivery " + delivery).contains("WebIT vendor ticket 9");

        // the adapters with their versions, and every configuration with its descriptions and values, secrets masked
        assertThat(page(lead, "/app/configuration").statusCode()).isEqualTo(403);
        String configuration = page(admin, "/app/configuration").body();
        assertThat(configuration).contains("id=\"adapters\"").contains("dk.tidlig.adapter.dental 0.1.0.SNAPSHOT")
                .contains("id=\"config-dk.tidlig.adapter.dental\"").contains("deliveryInterval").contains("P7D")
                .contains("How often the source delivers").contains("id=\"config-dk.tidlig.web.oidc\"").contains("(sat, skjult)")
                .contains("Seneste ændringer").contains("configured: ");
        assertThat(configuration).as("no secret is shown").doesNotContain("hemmelig");

        // every refusal of a role is on record: the pages' own and core's
        assertThat(page(lead, "/app/access").statusCode()).isEqualTo(403);
        assertThat(page(lead, "/app/models").statusCode()).isEqualTo(403);
        assertThat(page(auditor, "/app/audit?action=ACCESS_REFUSED").body()).contains("En indsigtsrapport afvist for rollen Teamleder",
                "Modelsiden afvist for rollen Teamleder", "Leverancerne og karantænen afvist for rollen Teamleder",
                "Modelsiden afvist for rollen Analytiker");
        assertThat(get("/api/v1/audit?action=ACCESS_REFUSED&limit=1000", "Authorization", auth("revisor")).body())
                .as("the trail as written").contains("the models page refused for role TEAM_LEAD");
    }

    @Test
    @Order(8)
    void everyRoleWalksEveryPageOfItsNavigationAndAResultWithPersonalDataIsNeverSentTwice() throws Exception {
        WebDriver browser = browser();
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            List<String> walked = new ArrayList<>();
            for (String user : List.of("opsoeger", "teamleder", "analytiker", "revisor", "admin", "dpo")) {
                signIn(browser, user);
                // the start page: the worklist, the audit trail, the operator's page or the access report, by role
                accessibilityBasics(browser, null);
                Map<String, String> links = new java.util.LinkedHashMap<>();
                for (WebElement a : browser.findElements(By.cssSelector("header nav a"))) {
                    links.put(a.getAttribute("id"), a.getAttribute("href"));
                }
                assertThat(links).as(user).hasSizeGreaterThanOrEqualTo(4);
                for (Map.Entry<String, String> link : links.entrySet()) {
                    browser.get(link.getValue());
                    accessibilityBasics(browser, link.getKey());
                    walked.add(user + " " + link.getKey());
                }
                if (user.equals("admin")) {
                    // the operator's own pages: a delivery with its quarantine, and a line read with a reason, shown once
                    browser.get(base + "/app/deliveries");
                    browser.findElement(By.cssSelector("a[href$='#quarantine']")).click();
                    accessibilityBasics(browser, "nav-deliveries");
                    String delivery = browser.getCurrentUrl().replaceAll(".*/app/deliveries/(\\d+).*", "$1");
                    WebElement reason = browser.findElement(By.cssSelector("#quarantined input[name=reason]"));
                    reason.sendKeys("WebIT walk");
                    int readings = auditEntries("QUARANTINE_OPENED");
                    reason.submit();
                    waitFor(browser, d -> !d.findElements(By.id("content")).isEmpty());
                    accessibilityBasics(browser, "nav-deliveries");
                    assertThat(browser.getCurrentUrl()).as("the history entry is the delivery's").endsWith("/app/deliveries/" + delivery);
                    browser.navigate().refresh();
                    waitFor(browser, d -> !d.findElements(By.id("quarantined")).isEmpty());
                    assertThat(browser.findElements(By.id("content"))).as("reload shows the delivery, not the line").isEmpty();
                    assertThat(auditEntries("QUARANTINE_OPENED")).as("and reads nothing again").isEqualTo(readings + 1);
                }
                if (user.equals("dpo")) {
                    // the citizen's letter: labelled like every page, shown once, and reload shows the empty form
                    browser.get(base + "/app/access");
                    int reports = auditEntries("ACCESS_REPORT");
                    // a reference not in the municipality's format: the form again, the reference marked and kept, the CPR number not
                    browser.findElement(By.id("reference")).sendKeys("just looking");
                    new Select(browser.findElement(By.id("identityCheck"))).selectByValue("MITID");
                    browser.findElement(By.id("cpr")).sendKeys("0101004000");
                    browser.findElement(By.id("report")).click();
                    waitFor(browser, d -> !d.findElements(By.id("problem")).isEmpty());
                    accessibilityBasics(browser, "nav-access");
                    WebElement reference = browser.findElement(By.id("reference"));
                    assertThat(reference.getAttribute("aria-invalid")).isEqualTo("true");
                    assertThat(reference.getAttribute("aria-describedby")).isEqualTo("problem");
                    assertThat(reference.getAttribute("value")).isEqualTo("just looking");
                    assertThat(browser.findElement(By.id("cpr")).getAttribute("value")).isEmpty();
                    assertThat(browser.findElement(By.id("cpr")).getAttribute("aria-invalid")).isNull();
                    reference.clear();
                    reference.sendKeys("AIN-2026-77");
                    new Select(browser.findElement(By.id("identityCheck"))).selectByValue("MITID");
                    browser.findElement(By.id("cpr")).sendKeys("0101004000");
                    browser.findElement(By.id("report")).click();
                    waitFor(browser, d -> !d.findElements(By.id("letter")).isEmpty());
                    assertThat(browser.findElement(By.id("letter-reference")).getText()).isEqualTo("AIN-2026-77");
                    assertThat(browser.findElements(By.cssSelector("meta[name=viewport]"))).hasSize(1);
                    assertThat(browser.findElement(By.cssSelector("a.skip")).getAttribute("href")).endsWith("#letter");
                    assertThat(browser.getCurrentUrl()).endsWith("/app/access");
                    browser.navigate().refresh();
                    waitFor(browser, d -> !d.findElements(By.id("reference")).isEmpty());
                    assertThat(browser.findElements(By.id("letter"))).isEmpty();
                    assertThat(browser.findElement(By.id("cpr")).getAttribute("value")).as("nothing typed is kept").isEmpty();
                    assertThat(auditEntries("ACCESS_REPORT")).as("one report, not two").isEqualTo(reports + 1);
                }
                browser.findElement(By.id("signout")).click();
                waitFor(browser, d -> !d.findElements(By.id("username")).isEmpty());
            }
            assertThat(walked).hasSizeGreaterThanOrEqualTo(30);
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(9)
    void aWorkerMarksADataPointAndATeamLeadWithdrawsTheMarkWithoutEitherOpeningTheFamily() throws Exception {
        WebDriver browser = browser();
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            int reidentified = auditEntries("REIDENTIFY");
            signIn(browser, "opsoeger");
            List<WebElement> rows = browser.findElements(By.cssSelector("#worklist tbody tr th a"));
            String family = rows.get(rows.size() - 1).getText();
            assertThat(browser.findElements(By.id("marks-" + family))).isEmpty();
            browser.get(base + "/app/family/" + family);
            assertThat(browser.findElements(By.id("members"))).as("pseudonymous").isEmpty();
            browser.findElement(By.cssSelector("#explanation a[id^=dispute-]")).click();
            waitFor(browser, d -> !d.findElements(By.id("affected")).isEmpty());
            accessibilityBasics(browser, "nav-list");
            assertThat(browser.findElements(By.cssSelector("#affected li"))).as("the children whose points the mark changes")
                    .extracting(WebElement::getText).contains(family);
            browser.findElement(By.cssSelector("input[name=reason][value=FAMILY_DISAGREES]")).click();
            browser.findElement(By.id("confirm-dispute")).click();
            waitFor(browser, d -> !d.findElements(By.cssSelector("#explanation .mark")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("markeret");
            assertThat(browser.findElement(By.cssSelector("#explanation .mark")).getText()).contains("Familien bestrider oplysningen").contains("opsoeger");
            assertThat(browser.findElements(By.cssSelector("#explanation button[id^=withdraw-]"))).as("only a team lead withdraws").isEmpty();
            browser.get(base + "/app/");
            assertThat(browser.findElement(By.id("marks-" + family)).getText()).isEqualTo("1 datapunkt markeret som bestridt");
            browser.findElement(By.id("signout")).click();
            waitFor(browser, d -> !d.findElements(By.id("username")).isEmpty());

            signIn(browser, "teamleder");
            browser.get(base + "/app/family/" + family);
            browser.findElement(By.cssSelector("#explanation button[id^=withdraw-]")).click();
            waitFor(browser, d -> d.findElements(By.cssSelector("#explanation .mark")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("trukket tilbage");
            accessibilityBasics(browser, "nav-list");
            browser.get(base + "/app/");
            assertThat(browser.findElements(By.id("marks-" + family))).isEmpty();
            assertThat(auditEntries("REIDENTIFY")).as("nobody was re-identified to mark or withdraw").isEqualTo(reidentified);
            // an analyst sees the explanation, and neither marks nor withdraws: refused before anything is read, and on record
            HttpClient analyst = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            formSignIn(analyst, "analytiker");
            int refused = auditEntries("ACCESS_REFUSED");
            assertThat(page(analyst, "/app/family/" + family + "/dispute?row=0&run=1").statusCode()).isEqualTo(403);
            assertThat(form(analyst, "/app/family/" + family + "/dispute", "row=0&run=1").statusCode()).as("even without a reason").isEqualTo(403);
            assertThat(form(analyst, "/app/family/" + family + "/withdraw", "row=0&run=1").statusCode()).isEqualTo(403);
            assertThat(auditEntries("ACCESS_REFUSED")).isEqualTo(refused + 3);
            assertThat(auditEntries("DISPUTE")).isPositive();
            assertThat(auditEntries("DISPUTE_WITHDRAWN")).isPositive();
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(10)
    void anAuditorIsAlertedWhenOneUserOpensMoreFamiliesInAnHourThanTheMunicipalityExpects() throws Exception {
        // the analyst reads 16 families' explanations in a few seconds (the alert is set at more than 15 within an hour)
        HttpResponse<String> list = get("/api/v1/worklist", "Authorization", auth("analytiker"));
        List<String> families = FAMILY_ID.matcher(list.body()).results().map(java.util.regex.MatchResult::group).distinct().limit(16).toList();
        assertThat(families).as("the demo's list is long enough").hasSize(16);
        for (String family : families) {
            assertThat(get("/api/v1/families/" + family, "Authorization", auth("analytiker")).statusCode()).isEqualTo(200);
        }
        // the auditor reviews the letter the officer produced in the browser walk: the page says so, and only when it happened
        HttpClient reviewer = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        formSignIn(reviewer, "revisor");
        HttpResponse<String> reviewed = form(reviewer, "/app/access/reviews", "reference=AIN-2026-77");
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(303);
        assertThat(reviewed.headers().firstValue("Location")).hasValue("/app/access/reviews?reviewed=AIN-2026-77");
        assertThat(page(reviewer, "/app/access/reviews?reviewed=AIN-2026-77").body()).contains("AIN-2026-77");
        assertThat(page(reviewer, "/app/access/reviews?reviewed=AIN-2026-99").body()).as("a link cannot claim a review").doesNotContain("AIN-2026-99");
        WebDriver browser = browser();
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            signIn(browser, "revisor");
            browser.get(base + "/app/audit");
            WebElement alerts = browser.findElement(By.id("alerts"));
            assertThat(alerts.getAttribute("role")).isEqualTo("alert");
            assertThat(alerts.getText()).contains("analytiker åbnede").contains("forskellige familier inden for en time").contains("grænsen er 15");
            assertThat(alerts.getText()).as("nobody else").doesNotContain("opsoeger åbnede");
            accessibilityBasics(browser, "nav-audit");
            // the entries of the day's work in Danish words, as the trail's codes never are on the page
            browser.get(base + "/app/audit?action=STATE_CHANGE");
            assertThat(browser.findElement(By.id("main")).getText()).contains("Ny → Tildelt (tildelt opsoeger)")
                    .contains("Tildelt → Kontaktet; kontakt: Telefon med notat").doesNotContain(" -> ").doesNotContain("contact by");
            browser.get(base + "/app/audit?action=REIDENTIFY");
            assertThat(browser.findElement(By.id("main")).getText()).contains("formål: Forberede første kontakt;").doesNotContain("purpose:");
            browser.get(base + "/app/audit?action=DECLINE");
            assertThat(browser.findElement(By.id("main")).getText()).contains("sagde nej tak (").contains("slettet:").doesNotContain("reason:");
            browser.get(base + "/app/audit?action=ACCESS_REFUSED");
            assertThat(browser.findElement(By.id("main")).getText()).contains("afvist for rollen").doesNotContain("refused for role");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(11)
    void thePageWarnsBeforeTheSignInEndsAndStayingOnKeepsItOpen() throws Exception {
        WebDriver browser = browser();
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            signIn(browser, "opsoeger");
            WebElement warning = browser.findElement(By.id("session-warning"));
            assertThat(warning.isDisplayed()).isFalse();
            int idle = Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-idle"));
            assertThat(idle).as("the configured 30 minutes").isEqualTo(1800);
            // the page's clock runs ahead (Chromium's virtual time) to ten seconds past the warning's moment, three minutes
            // before the end; the server's clock does not, so the session is still open
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setVirtualTimePolicy", Map.of("policy", "advance", "budget",
                    (idle - 170) * 1000));
            waitFor(browser, d -> d.findElement(By.id("session-warning")).isDisplayed());
            assertThat(warning.getAttribute("role")).isEqualTo("alert");
            assertThat(warning.getText()).contains("logget ud");
            browser.findElement(By.id("session-stay")).click();
            waitFor(browser, d -> !d.findElement(By.id("session-warning")).isDisplayed());
            assertThat(browser.findElement(By.id("who")).getText()).startsWith("opsoeger");
        } finally {
            browser.quit();
        }
    }

    /** How many entries of this action the municipality's audit trail holds (read by the auditor through the API). */
    static int auditEntries(String action) throws Exception {
        HttpResponse<String> r = get("/api/v1/audit?limit=1000&action=" + action, "Authorization", auth("revisor"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (int) Pattern.compile("\"action\":\"" + action + "\"").matcher(r.body()).results().count();
    }

    /** Headless Chromium (Debian's chromium and chromium-driver), in Danish. */
    static WebDriver browser() {
        Path driverPath = Path.of("/usr/bin/chromedriver");
        assertThat(driverPath).as("Debian's chromium and chromium-driver are needed for the browser tests: apt-get install chromium "
                + "chromium-driver (.ci/run installs them)").exists();
        Path binary = Files.exists(Path.of("/usr/lib/chromium/chromium")) ? Path.of("/usr/lib/chromium/chromium") : Path.of("/usr/bin/chromium");
        ChromeOptions options = new ChromeOptions().setBinary(binary.toFile()).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--lang=da");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverPath.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the session's CSRF token (read from the model card, which every role sees). */
    static HttpResponse<String> form(HttpClient browser, String path, String body) throws Exception {
        String page = page(browser, "/app/model").body();
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as(page).isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + (body.isEmpty() ? "" : "&" + body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The accessibility basics of every page (WCAG 2.1 AA, as Det Fælles Designsystem applies it): the language, a viewport,
     * a skip link to the main content, one h1, the current page marked in the navigation, a caption and header scopes on
     * every table, a label for every form field, a distinct name for repeated buttons, and a header that does not wrap at
     * 1280 px.
     */
    static void accessibilityBasics(WebDriver browser, String currentNav) {
        // absent elements are the point here: no implicit wait for them
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            checkAccessibilityBasics(browser, currentNav);
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits for the page a click leads to (a click does not wait for it): until the condition holds on the new page. An
     * element of the page being left may be read while the next replaces it: Chromium then answers stale element, or
     * "node … does not belong to the document"; both mean "not yet", and the wait asks again (for at most 15 s).
     */
    static void waitFor(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition::apply);
    }

    private static void checkAccessibilityBasics(WebDriver browser, String currentNav) {
        if (currentNav != null) {
            waitFor(browser, d -> !d.findElements(By.id(currentNav)).isEmpty() && "page".equals(d.findElement(By.id(currentNav)).getAttribute("aria-current")));
        }
        String where = browser.getCurrentUrl();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(where).isIn("da", "en");
        assertThat(browser.findElements(By.cssSelector("meta[name=viewport]"))).as(where).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("a.skip")).getAttribute("href")).as(where).endsWith("#main");
        assertThat(browser.findElements(By.id("main"))).as(where).hasSize(1);
        assertThat(browser.findElements(By.tagName("h1"))).as(where).hasSize(1);
        if (currentNav != null) {
            assertThat(browser.findElement(By.id(currentNav)).getAttribute("aria-current")).as(where).isEqualTo("page");
            assertThat(browser.findElements(By.cssSelector("nav a[aria-current=page]"))).as(where).hasSizeGreaterThanOrEqualTo(1);
        }
        for (WebElement table : browser.findElements(By.cssSelector("main table"))) {
            assertThat(table.findElements(By.tagName("caption")).size() + (table.getAttribute("aria-labelledby") == null ? 0 : 1))
                    .as(where + " table " + table.getAttribute("id") + " has a caption").isPositive();
            assertThat(table.findElements(By.cssSelector("thead th:not([scope])"))).as(where + " header scopes").isEmpty();
        }
        for (WebElement field : browser.findElements(By.cssSelector("main input:not([type=hidden]), main select, main textarea"))) {
            String id = field.getAttribute("id");
            boolean labelled = (id != null && !id.isEmpty() && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                    || !field.findElements(By.xpath("ancestor::label")).isEmpty() || field.getAttribute("aria-label") != null;
            assertThat(labelled).as(where + ": a label for " + field.getAttribute("name")).isTrue();
        }
        List<String> names = browser.findElements(By.cssSelector("main button")).stream()
                .map(b -> b.getAttribute("aria-label") != null ? b.getAttribute("aria-label") : b.getText()).toList();
        assertThat(names.stream().filter(n -> java.util.Collections.frequency(names, n) > 1 && n.matches(".*\\bF-[B-Z]{5}.*")).toList())
                .as(where + ": repeated buttons named apart").isEmpty();
        Dimension size = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(1280, 800));
            WebElement header = browser.findElement(By.tagName("header"));
            assertThat(header.getSize().getHeight()).as(where + ": the header on one line at 1280 px").isLessThan(80);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    static void signIn(WebDriver browser, String user) {
        browser.get(base + "/app/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("signin")).click();
        assertThat(browser.findElement(By.id("who")).getText()).startsWith(user);
    }

    /** Every log file of the installation, searched for the family's id (which, after a decline, no log may link to anything). */
    static void assertNothingOfTheFamilyInAnyLog(List<String> needles) throws Exception {
        try (var files = Files.walk(installation.home.resolve("var/log"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(needles).as(f.toString()).allSatisfy(n -> assertThat(text).doesNotContain(n));
            }
        }
    }

    /** Every text and binary cell of every table of the demo's database, searched for the family's names and CPR numbers. */
    static void assertNothingOfTheFamilyInTheDatabase(List<String> identities) throws Exception {
        Properties store = new Properties();
        try (var in = Files.newBufferedReader(installation.home.resolve("var/demo/config/dk.tidlig.store.cfg"))) {
            store.load(in);
        }
        try (Connection c = DriverManager.getConnection(store.getProperty("url"), store.getProperty("user"), store.getProperty(".password", ""))) {
            TableScan.Result scan = TableScan.find(c, identities);
            assertThat(scan.places()).as("the family's names and CPR numbers in the database").isEmpty();
            assertThat(scan.cells()).isGreaterThan(10_000);
        }
    }
}
