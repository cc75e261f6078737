// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST API under {@code /api/v1} (described in {@code /api/v1/openapi.json}): what every request shares (the
 * authentication, the JSON body, the errors), then each area's resources ({@link CasesApi}, {@link TransparencyApi}),
 * answered as records ({@link ApiJson}) written by Jackson. The same services, role
 * and municipality checks and audit as the web application. Authenticated by the web session (with the
 * {@code X-CSRF-Token} header on every POST) or, for the municipality's other systems, by a token that
 * {@code POST /tokens} gives for HTTP Basic with a local user (Basic elsewhere only when {@code basicOnEveryApiRequest}). Every POST sends its body as {@code application/json}. Errors are JSON:
 * {@code {"status":403,"error":"…"}} with 400, 401, 403, 404, 405, 409, 415 or 429.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=tidlig-api"})
public class Api extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    /** Records as JSON objects, dates as ISO-8601 text. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(java.time.LocalDate.class, ToStringSerializer.instance)
            .addSerializer(Instant.class, ToStringSerializer.instance));

    private final transient WebSupport web;
    private final transient CasesApi cases;
    private final transient TransparencyApi records;

    @Activate
    public Api(@Reference WebSupport web, @Reference Outreach outreach, @Reference AuditTrail audit, @Reference Transparency transparency) {
        this.web = web;
        this.cases = new CasesApi(outreach);
        this.records = new TransparencyApi(transparency, audit);
    }

    /** A refusal with its HTTP status. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebSupport.securityHeaders(resp);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            if (path.equals("/openapi.json") && "GET".equals(req.getMethod())) {
                resp.setContentType("application/json");
                try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
                    in.transferTo(resp.getOutputStream());
                }
                return;
            }
            if ("POST".equals(req.getMethod()) && (req.getContentType() == null
                    || !req.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
                // a cross-site form can send text/plain but not application/json without CORS, which tidlig never allows
                throw new Refused(415, "send the request body as application/json");
            }
            if (path.equals("/tokens") && "DELETE".equals(req.getMethod())) {
                // the bearer's own token ends; nothing else can be named here
                String token = bearer(req);
                if (token == null || web.session(token).isEmpty()) {
                    throw new Refused(401, "send the token to end as Authorization: Bearer");
                }
                web.closeToken(token);
                resp.setStatus(204);
                return;
            }
            if (!"GET".equals(req.getMethod()) && !"POST".equals(req.getMethod())) {
                throw new Refused(405, "only GET and POST here (and DELETE of /tokens)");
            }
            boolean signIn = path.equals("/tokens") && "POST".equals(req.getMethod());
            if (signIn && !WebSupport.hasBasic(req)) {
                // a token is had for a password only: another token or a session cannot renew itself past its eight hours
                throw new Refused(401, "POST /api/v1/tokens signs in with HTTP Basic only");
            }
            if (!signIn && WebSupport.hasBasic(req) && !web.basicOnEveryApiRequest()) {
                // checked before the password: a client still sending Basic everywhere learns what to do, and guesses cost nothing here
                throw new Refused(401, "HTTP Basic signs in at POST /api/v1/tokens only: send the token it answers as Authorization: Bearer");
            }
            Authenticated who = authenticate(req);
            if (signIn) {
                // sign in once, then send the token: no password check per request
                Session token = web.openToken(who.actor(), who.credential());
                write(resp, 200, new ApiJson.Token(token.id, "Bearer", web.idleSeconds(), Sessions.MAX_AGE.toSeconds()));
                return;
            }
            Object body = route(path, req, who.actor());
            write(resp, 200, body);
        } catch (Refused e) {
            error(req, resp, e.status, e.getMessage());
        } catch (AccessDeniedException e) {
            error(req, resp, 403, e.getMessage());
        } catch (NotFoundException e) {
            error(req, resp, 404, e.getMessage());
        } catch (ConflictException e) {
            error(req, resp, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(req, resp, 400, e.getMessage());
        } catch (LegalBasisException e) {
            error(req, resp, 403, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), WebApp.loggable(path), e);
            error(req, resp, 500, "internal error; see the server log");
        }
    }

    /** Who a request is, and the credential digest that ends a token when the password is reset. */
    private record Authenticated(Actor actor, String credential) {
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    private static String bearer(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    /**
     * A token from {@code POST /tokens} (sent as {@code Authorization: Bearer}; no CSRF token, since no browser sends
     * it by itself), the web session (POSTs need its CSRF token), or HTTP Basic with a local user.
     */
    private Authenticated authenticate(HttpServletRequest req) {
        String token = bearer(req);
        if (token != null) {
            Session s = web.session(token).orElseThrow(() -> new Refused(401, "the token is unknown or has expired; ask for a new one"));
            return new Authenticated(s.actor(), s.credential());
        }
        if (WebSupport.hasBasic(req)) {
            WebSupport.SignIn result = web.basic(req);
            if (result == null) {
                throw new Refused(401, "malformed Basic credentials");
            }
            switch (result.outcome()) {
                case OK -> {
                    return new Authenticated(result.actor(), result.credential());
                }
                case LIMITED -> throw new Refused(429, "too many failed sign-ins; wait and try again");
                default -> throw new Refused(401, "wrong user name or password");
            }
        }
        Optional<Session> s = web.session(req);
        if (s.isEmpty()) {
            // no WWW-Authenticate challenge: a browser must not be led to remember credentials for this API
            throw new Refused(401, "sign in first: POST /api/v1/tokens with HTTP Basic, then send the token as Authorization: Bearer");
        }
        if (!"GET".equals(req.getMethod()) && !WebSupport.csrfOk(s.get(), req)) {
            throw new Refused(403, "the X-CSRF-Token header is missing or wrong");
        }
        return new Authenticated(s.get().actor(), s.get().credential());
    }

    /** Each area's resources in turn. */
    private Object route(String path, HttpServletRequest req, Actor actor) throws IOException, LegalBasisException {
        boolean get = "GET".equals(req.getMethod());
        Object answer = cases.route(path, get, req, actor);
        if (answer == null) {
            answer = records.route(path, get, req, actor);
        }
        if (answer == null) {
            throw new NotFoundException("no such resource");
        }
        return answer;
    }

    /** A value of a fixed list, or a 400 that names the list. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static JsonNode body(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(64 * 1024 + 1);
            if (bytes.length > 64 * 1024) {
                throw new IllegalArgumentException("the request body is larger than 64 KiB");
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON");
        }
    }

    static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }

    static int number(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asInt();
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    /**
     * An error as JSON. A refusal of a request that carries a body may come before the body is read (415, 401, 405 …):
     * the server then cannot keep the connection, and closed it after the answer without saying so, so that a client
     * that sent its next request on the same connection found it closed (seen in WebIT: "header parser received no
     * bytes" after a 415). The answer says it: {@code Connection: close}.
     */
    private static void error(HttpServletRequest req, HttpServletResponse resp, int status, String message) throws IOException {
        if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
            resp.setHeader("Connection", "close");
        }
        write(resp, status, new ApiJson.Error(status, message == null ? "" : message));
    }
}
