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
 * The REST API under {@code /api/v1} (described in {@code /api/v1/openapi.json}): the same services, role
 * and municipality checks and audit as the web application. Authenticated by the web session (with the
 * {@code X-CSRF-Token} header on every POST) or by HTTP Basic with a local user, for the municipality's
 * other systems. Every POST sends its body as {@code application/json}. Errors are JSON:
 * {@code {"status":403,"error":"…"}} with 400, 401, 403, 404, 405, 409, 415 or 429.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=tidlig-api"})
public class Api extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final Pattern FAMILY = Pattern.compile("/families/(F-[B-Z]{5}-[B-Z]{5})(/reidentification|/transitions|/decline|/disputes)?");
    /** Records as JSON objects, dates as ISO-8601 text. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(java.time.LocalDate.class, ToStringSerializer.instance)
            .addSerializer(Instant.class, ToStringSerializer.instance));

    private final transient WebSupport web;
    private final transient Outreach outreach;
    private final transient AuditTrail audit;
    private final transient Transparency transparency;

    @Activate
    public Api(@Reference WebSupport web, @Reference Outreach outreach, @Reference AuditTrail audit, @Reference Transparency transparency) {
        this.web = web;
        this.outreach = outreach;
        this.audit = audit;
        this.transparency = transparency;
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
            Authenticated who = authenticate(req);
            if (path.equals("/tokens") && "POST".equals(req.getMethod())) {
                // sign in once, then send the token: no password check per request
                Session token = web.openToken(who.actor(), who.credential());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("token", token.id);
                out.put("type", "Bearer");
                out.put("idleSeconds", web.idleSeconds());
                out.put("maxAgeSeconds", Sessions.MAX_AGE.toSeconds());
                write(resp, 200, out);
                return;
            }
            Object body = route(path, req, who.actor());
            write(resp, 200, body);
        } catch (Refused e) {
            error(resp, e.status, e.getMessage());
        } catch (AccessDeniedException e) {
            error(resp, 403, e.getMessage());
        } catch (NotFoundException e) {
            error(resp, 404, e.getMessage());
        } catch (ConflictException e) {
            error(resp, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(resp, 400, e.getMessage());
        } catch (LegalBasisException e) {
            error(resp, 403, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), WebApp.loggable(path), e);
            error(resp, 500, "internal error; see the server log");
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
            throw new Refused(401, "sign in first, or send HTTP Basic credentials");
        }
        if (!"GET".equals(req.getMethod()) && !WebSupport.csrfOk(s.get(), req)) {
            throw new Refused(403, "the X-CSRF-Token header is missing or wrong");
        }
        return new Authenticated(s.get().actor(), s.get().credential());
    }

    private Object route(String path, HttpServletRequest req, Actor actor) throws IOException, LegalBasisException {
        boolean get = "GET".equals(req.getMethod());
        boolean post = "POST".equals(req.getMethod());
        if (path.equals("/worklist") && get) {
            return worklist(outreach.worklist(actor));
        }
        if (path.equals("/audit") && get) {
            return audit(req, actor);
        }
        if (path.equals("/model-card") && get) {
            return transparency.modelCard(actor.tenant());
        }
        if (path.equals("/data-inventory") && get) {
            return transparency.dataInventory();
        }
        if (path.equals("/access-reports") && post) {
            JsonNode in = body(req);
            Transparency.IdentityCheck check;
            String given = text(in, "identityCheck");
            try {
                check = Transparency.IdentityCheck.valueOf(given);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("identityCheck must be one of " + java.util.Arrays.toString(Transparency.IdentityCheck.values()));
            }
            return transparency.accessReport(actor, new Transparency.AccessRequest(text(in, "cpr"), text(in, "reference"), check));
        }
        if (path.equals("/access-reports/reviews") && get) {
            return Map.of("pending", transparency.pendingReviews(actor));
        }
        if (path.equals("/access-reports/reviews") && post) {
            String reference = text(body(req), "reference");
            transparency.review(actor, reference);
            return Map.of("reference", reference, "reviewedBy", actor.user());
        }
        Matcher m = FAMILY.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such resource");
        }
        String family = m.group(1);
        String sub = m.group(2) == null ? "" : m.group(2);
        if (sub.isEmpty() && get) {
            return family(outreach.explanation(actor, family));
        }
        if (!post || sub.isEmpty()) {
            throw new Refused(405, "method not allowed");
        }
        JsonNode in = body(req);
        return switch (sub) {
            case "/reidentification" -> {
                Outreach.Purpose purpose;
                String given = text(in, "purpose");
                try {
                    purpose = Outreach.Purpose.valueOf(given);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("purpose must be one of " + java.util.Arrays.toString(Outreach.Purpose.values()));
                }
                yield identified(outreach.open(actor, family, purpose));
            }
            case "/transitions" -> {
                State to;
                try {
                    to = State.valueOf(text(in, "to"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("to must be one of ASSIGNED, CONTACTED, ACCEPTED, NO_ANSWER, CLOSED");
                }
                int version = outreach.transition(actor, family, number(in, "version"), to, in.path("assignTo").asText(null));
                yield Map.of("familyId", family, "state", to.name(), "version", version);
            }
            case "/decline" -> {
                if (!in.path("confirm").asBoolean(false)) {
                    throw new IllegalArgumentException("a decline erases the family: send \"confirm\": true");
                }
                Outreach.Declined d = outreach.decline(actor, family, number(in, "version"),
                        enumOf(Outreach.DeclineReason.class, in.path("reason").asText("NOT_STATED"), "reason"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("suppressedUntil", d.suppressedUntil() == null ? null : d.suppressedUntil().toString());
                out.put("familyScoresErased", d.familyScoresErased());
                out.put("caseStepsErased", d.caseStepsErased());
                out.put("disputesErased", d.disputesErased());
                out.put("identitiesErased", d.identitiesErased());
                out.put("auditLinkErased", d.auditLinkErased());
                yield out;
            }
            case "/disputes" -> {
                if (in.hasNonNull("reason")) {
                    yield Map.of("askToCorrect", outreach.dispute(actor, family, text(in, "sourceSystem"), text(in, "sourceRecordId"),
                            enumOf(Outreach.DisputeReason.class, in.path("reason").asText(), "reason")));
                }
                Outreach.Dispute kind = "WRONG".equals(in.path("kind").asText()) ? Outreach.Dispute.WRONG : Outreach.Dispute.DISPUTED;
                yield Map.of("askToCorrect", outreach.dispute(actor, family, text(in, "sourceSystem"), text(in, "sourceRecordId"), kind));
            }
            default -> throw new NotFoundException("no such resource");
        };
    }

    /** A value of a fixed list, or a 400 that names the list. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static JsonNode body(HttpServletRequest req) throws IOException {
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

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }

    private static int number(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asInt();
    }

    private Object audit(HttpServletRequest req, Actor actor) {
        if (!actor.role().mayReadAudit()) {
            audit.record(actor, Action.ACCESS_REFUSED, "", "audit trail refused for role " + actor.role());
            throw new AccessDeniedException("only auditors read the audit trail");
        }
        Action action = null;
        if (req.getParameter("action") != null) {
            try {
                action = Action.valueOf(req.getParameter("action"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown action");
            }
        }
        int limit = 100;
        if (req.getParameter("limit") != null) {
            try {
                limit = Math.min(1000, Math.max(1, Integer.parseInt(req.getParameter("limit"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a number");
            }
        }
        List<AuditTrail.Shown> entries = audit.search(new AuditTrail.Query(actor.tenant(), action, req.getParameter("actor"),
                req.getParameter("familyId"), instant(req, "from"), instant(req, "to"), null, limit));
        audit.record(actor, Action.AUDIT_VIEW, "", "API, " + entries.size() + " entries");
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditTrail.Shown x : entries) {
            AuditEntry e = x.entry();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("role", e.role());
            m.put("action", e.action());
            m.put("subject", e.subject());
            m.put("familyId", x.familyId());
            m.put("detail", e.detail());
            m.put("sealedDetail", x.sealedDetail());
            m.put("hash", e.hash());
            out.add(m);
        }
        return Map.of("entries", out);
    }

    private static Instant instant(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2026-11-22T08:00:00Z");
        }
    }

    static Map<String, Object> worklist(Outreach.Worklist list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", list.run() == null ? null : run(list.run()));
        m.put("flagged", list.flagged());
        m.put("capacity", list.capacity());
        m.put("offerOrder", list.byLottery() ? "LOTTERY" : "RANKED");
        List<Map<String, Object>> families = new ArrayList<>();
        for (Outreach.Entry e : list.families()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("familyId", e.familyId());
            f.put("score", e.score());
            f.put("indicators", e.indicators().stream().map(Enum::name).toList());
            f.put("childAgeYears", e.childAgeYears());
            f.put("state", e.state().name());
            f.put("assignedTo", e.assignedTo());
            f.put("version", e.version());
            f.put("offerId", e.offerId());
            f.put("children", e.children().stream().map(Api::child).toList());
            families.add(f);
        }
        m.put("families", families);
        return m;
    }

    static Map<String, Object> child(Outreach.Child c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("familyId", c.familyId());
        m.put("score", c.score());
        m.put("flagged", c.flagged());
        m.put("indicators", c.indicators().stream().map(Enum::name).toList());
        m.put("ageYears", c.ageYears());
        m.put("state", c.state().name());
        m.put("version", c.version());
        return m;
    }

    static Map<String, Object> run(ScoreRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("modelId", r.modelId());
        m.put("modelVersion", r.modelVersion());
        m.put("asOf", r.asOf().toString());
        m.put("windowStart", r.windowStart().toString());
        m.put("legalBasis", r.legalBasisId());
        return m;
    }

    static Map<String, Object> family(FamilyScore f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("familyId", f.familyId());
        m.put("score", f.score());
        m.put("flagged", f.flagged());
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (Contribution c : f.contributions()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("indicator", c.indicator().name());
            k.put("role", c.role().name());
            k.put("sourceSystem", c.sourceSystem());
            k.put("sourceRecordId", c.sourceRecordId());
            k.put("start", c.start().toString());
            k.put("end", c.end() == null ? null : c.end().toString());
            k.put("points", c.points());
            k.put("basis", c.basis());
            contributions.add(k);
        }
        m.put("contributions", contributions);
        return m;
    }

    static Map<String, Object> identified(FamilyView v) {
        Map<String, Object> m = family(v.score());
        m.put("run", run(v.run()));
        List<Map<String, Object>> members = new ArrayList<>();
        for (Outreach.Member p : v.members()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("role", p.role().name());
            k.put("cpr", p.identity().cpr());
            k.put("name", p.identity().name());
            k.put("address", p.identity().address());
            members.add(k);
        }
        m.put("members", members);
        m.put("state", v.state().name());
        m.put("version", v.version());
        m.put("history", v.history().stream().map(a -> Map.of("runId", a.runId(), "asOf", a.asOf().toString(), "score", a.score(),
                "flagged", a.flagged())).toList());
        m.put("household", v.household().stream().map(Api::child).toList());
        return m;
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, Map.of("status", status, "error", message == null ? "" : message));
    }
}
