// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The caseworkers' web application under {@code /app}: sign-in, the worklist, the family view with the
 * outreach workflow, and the auditors' view of the audit trail. Danish by default, English available.
 *
 * <p>Personal data appears only in the response to the POST that opens a family with a purpose — never in
 * a URL, and never cached ({@code Cache-Control: no-store} on every response).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/app/*",
        "osgi.http.whiteboard.servlet.name=tidlig-app"})
public class WebApp extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final Pattern FAMILY = Pattern.compile("/family/(F-[B-Z]{5}-[B-Z]{5})(/open|/state|/decline|/dispute)?");
    private static final String LOGIN_COOKIE = "tidlig_login";
    private static final String OIDC_COOKIE = "tidlig_oidc";
    /** A started SAML sign-in: the sealed id of the AuthnRequest the Context Handler's response must answer. */
    private static final String SAML_COOKIE = "tidlig_saml";
    /** A SAML session: the sealed NameID and session index, for single logout. */
    private static final String SAML_SESSION_COOKIE = "tidlig_saml_session";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Europe/Copenhagen"));

    private final transient WebSupport web;
    private final transient Outreach outreach;
    private final transient AuditTrail audit;
    private final transient Transparency transparency;
    private final transient EvidenceService evidence;
    private final transient ModelActivation activation;
    private final transient Operations operations;

    /** Sign-in with the municipality's SSO, when configured (config/dk.tidlig.web.oidc.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OidcSignIn oidc;

    /** Sign-in through KOMBIT's Context Handler, when configured (config/dk.tidlig.web.saml.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SamlSignIn saml;

    @Activate
    public WebApp(@Reference WebSupport web, @Reference Outreach outreach, @Reference AuditTrail audit, @Reference Transparency transparency,
            @Reference EvidenceService evidence, @Reference ModelActivation activation, @Reference Operations operations) {
        this.evidence = evidence;
        this.operations = operations;
        this.activation = activation;
        this.web = web;
        this.outreach = outreach;
        this.audit = audit;
        this.transparency = transparency;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebSupport.securityHeaders(resp);
        req.setCharacterEncoding("UTF-8");
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        boolean post = "POST".equals(req.getMethod());
        if (!post && !"GET".equals(req.getMethod())) {
            resp.sendError(405);
            return;
        }
        if (path.equals("/static/tidlig.css")) {
            stylesheet(resp);
            return;
        }
        if (path.equals("/oidc/login") && !post) {
            oidcStart(req, resp);
            return;
        }
        if (path.equals("/oidc/callback") && !post) {
            oidcCallback(req, resp);
            return;
        }
        if (path.startsWith("/saml/")) {
            saml(path, post, req, resp);
            return;
        }
        if (path.equals("/login")) {
            if (post) {
                signIn(req, resp);
            } else {
                loginPage(req, resp, null, HttpServletResponse.SC_OK);
            }
            return;
        }
        Optional<Session> session = web.session(req);
        if (session.isEmpty()) {
            resp.sendRedirect("/app/login");
            return;
        }
        Session s = session.get();
        Texts t = Texts.of(s.language());
        if (post && !WebSupport.csrfOk(s, req)) {
            error(resp, s, t, 403, t.get("error.403"));
            return;
        }
        try {
            route(path, post, req, resp, s, t);
        } catch (AccessDeniedException e) {
            error(resp, s, t, 403, t.get("error.403"));
        } catch (NotFoundException e) {
            error(resp, s, t, 404, t.get("error.404"));
        } catch (ConflictException e) {
            error(resp, s, t, 409, t.get("error.409"));
        } catch (IllegalArgumentException e) {
            error(resp, s, t, 400, t.get("error.400", e.getMessage()));
        } catch (LegalBasisException e) {
            error(resp, s, t, 403, t.get("error.legal", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), loggable(path), e);
            error(resp, s, t, 500, t.get("error.title"));
        }
    }

    /** The evaluations, a report (HTML or PDF), or the reports' style sheet. */
    private void evidencePage(String path, HttpServletResponse resp, Session s, Texts t) throws IOException {
        String tenant = s.actor().tenant();
        if (path.equals("/evidence") || path.equals("/evidence/")) {
            page(resp, s, t, 200, t.get("evidence.title"), EvidencePages.evaluations(t, evidence.evaluations(tenant, 100)));
            return;
        }
        if (path.equals("/evidence/report.css")) {
            resp.setHeader("Cache-Control", "max-age=3600");
            resp.setContentType("text/css;charset=UTF-8");
            resp.getWriter().write(evidence.reportStyleSheet());
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/evidence/(\\d{1,18})(/report\\.pdf)?").matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        boolean pdf = m.group(2) != null;
        java.nio.file.Path file = evidence.reportFile(tenant, Long.parseLong(m.group(1)), pdf ? "report.pdf" : "report.html")
                .orElseThrow(() -> new NotFoundException("no such report"));
        resp.setContentType(pdf ? "application/pdf" : "text/html;charset=UTF-8");
        if (pdf) {
            resp.setHeader("Content-Disposition", "attachment; filename=\"evaluation-" + m.group(1) + ".pdf\"");
        }
        java.nio.file.Files.copy(file, resp.getOutputStream());
    }

    /** The models and their activation: administrators ask, data protection officers decide, auditors read. */
    private void modelsPage(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Actor actor = s.actor();
        boolean administrator = actor.role() == Role.ADMINISTRATOR;
        boolean officer = actor.role() == Role.DATA_PROTECTION_OFFICER;
        if (!administrator && !officer && actor.role() != Role.AUDITOR) {
            throw new AccessDeniedException("the models page is for administrators, data protection officers and auditors");
        }
        String notice = null;
        if (post) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/models/(\\d{1,18})/(approve|refuse|withdraw)").matcher(path);
            if (path.equals("/models/request")) {
                var row = activation.request(actor, req.getParameter("model"), req.getParameter("justification"));
                notice = t.get("models.requested.done", String.valueOf(row.id()));
            } else if (m.matches()) {
                long id = Long.parseLong(m.group(1));
                var row = switch (m.group(2)) {
                    case "approve" -> activation.approve(actor, id);
                    case "refuse" -> activation.refuse(actor, id, req.getParameter("reason"));
                    default -> activation.withdraw(actor, id);
                };
                notice = t.get("models.decided.done", String.valueOf(row.id()), t.get("models.state." + row.state().name()));
            } else {
                throw new NotFoundException("no such page");
            }
        } else if (!path.equals("/models") && !path.equals("/models/")) {
            throw new NotFoundException("no such page");
        }
        List<ModelActivation.Check> checks = new ArrayList<>();
        for (var model : transparencyModels()) {
            checks.add(activation.check(actor.tenant(), model));
        }
        page(resp, s, t, 200, t.get("models.title"), Html.of("{}{}", notice == null ? Html.EMPTY : Html.of("<p class=\"notice\" id=\"decided\">{}</p>",
                notice), EvidencePages.models(t, s.csrf(), checks, activation.activations(actor.tenant(), 50), administrator, officer, actor.user())));
    }

    /** The ids of the valid models in configuration. */
    private List<String> transparencyModels() {
        return evidence.models();
    }

    /** A path as it may be logged: a family id in it would outlive the family's decline in the log. */
    static String loggable(String path) {
        return path.replaceAll("F-[B-Z]{5}-[B-Z]{5}", "F-*****-*****");
    }

    private void route(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t)
            throws IOException, LegalBasisException {
        Actor actor = s.actor();
        if (path.equals("/logout") && post) {
            web.close(s, req, resp);
            SamlSignIn k = saml;
            String samlSession = WebSupport.cookie(req, SAML_SESSION_COOKIE);
            if (samlSession != null) {
                resp.addHeader("Set-Cookie", SAML_SESSION_COOKIE + "=; Path=/app; HttpOnly; SameSite=Lax; Max-Age=0" + (web.secure(req) ? "; Secure" : ""));
            }
            // signed in through KOMBIT: the Context Handler ends its session too (single logout)
            resp.sendRedirect(k == null ? "/app/login" : k.logout(samlSession, actor.user()).orElse("/app/login"));
            return;
        }
        if (path.equals("/language") && post) {
            web.language(s, "en".equals(req.getParameter("lang")) ? "en" : "da");
            resp.sendRedirect("/app/");
            return;
        }
        if (path.equals("/") && !post) {
            switch (actor.role()) {
                case AUDITOR -> auditPage(req, resp, s, t);
                case DATA_PROTECTION_OFFICER -> resp.sendRedirect("/app/access");
                case ADMINISTRATOR -> adminPage(resp, s, t);
                default -> worklist(req, resp, s, t);
            }
            return;
        }
        if (path.equals("/audit") && !post) {
            auditPage(req, resp, s, t);
            return;
        }
        if (path.equals("/model") && !post) {
            ModelCard card = transparency.modelCard(actor.tenant());
            Optional<EvidenceService.Stored> figures = card.activation() != null ? evidence.evaluation(actor.tenant(), card.activation().evaluationId())
                    : evidence.evaluations(actor.tenant(), 200).stream().filter(e -> e.evaluation().digest().equals(card.digest())).findFirst();
            page(resp, s, t, 200, t.get("model.title", card.id(), card.version()), Html.of("{}{}{}", TransparencyPages.modelCard(t, card),
                    EvidencePages.cardTexts(t, card), Html.of("<h2>{}</h2>{}", t.get("model.evidence"), EvidencePages.figures(t, figures))));
            return;
        }
        if (path.startsWith("/evidence") && !post) {
            evidencePage(path, resp, s, t);
            return;
        }
        if (path.startsWith("/models")) {
            modelsPage(path, post, req, resp, s, t);
            return;
        }
        if (path.equals("/configuration") && !post) {
            page(resp, s, t, 200, t.get("config.title"), OperationsPages.configuration(t, operations.adapters(actor), operations.configurations(actor)));
            return;
        }
        if (path.equals("/deliveries") || path.startsWith("/deliveries/")) {
            deliveriesPage(path, post, req, resp, s, t);
            return;
        }
        if (path.equals("/inventory") && !post) {
            page(resp, s, t, 200, t.get("inventory.title"), TransparencyPages.inventory(t, transparency.dataInventory()));
            return;
        }
        if (path.equals("/access")) {
            if (!actor.role().mayProduceAccessReports()) {
                throw new AccessDeniedException("only the data protection officer produces access reports");
            }
            if (post) {
                page(resp, s, t, 200, t.get("access.title"), TransparencyPages.accessReport(t, transparency.accessReport(actor,
                        new Transparency.AccessRequest(req.getParameter("cpr"), req.getParameter("reference"), identityCheck(req.getParameter("identityCheck"))))));
            } else {
                page(resp, s, t, 200, t.get("access.title"), TransparencyPages.accessForm(t, s.csrf()));
            }
            return;
        }
        if (path.equals("/access/reviews")) {
            String notice = null;
            if (post) {
                transparency.review(actor, req.getParameter("reference"));
                notice = t.get("access.review.done", req.getParameter("reference"));
            }
            page(resp, s, t, 200, t.get("access.review.title"), Html.of("{}{}", notice == null ? Html.EMPTY
                    : Html.of("<p class=\"notice\" id=\"reviewed\">{}</p>", notice), TransparencyPages.reviews(t, s.csrf(), transparency.pendingReviews(actor))));
            return;
        }
        Matcher m = FAMILY.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        String family = m.group(1);
        String action = m.group(2) == null ? "" : m.group(2);
        if (!post && action.isEmpty()) {
            familyPage(resp, s, t, family, null);
            return;
        }
        if (!post && action.equals("/decline")) {
            declineConfirmation(resp, s, t, family, integer(req, "version"));
            return;
        }
        if (!post) {
            throw new NotFoundException("no such page");
        }
        switch (action) {
            case "/open" -> {
                FamilyView view = outreach.open(actor, family, purpose(req.getParameter("purpose")));
                identifiedPage(resp, s, t, view);
            }
            case "/state" -> {
                outreach.transition(actor, family, integer(req, "version"), state(req.getParameter("to")), req.getParameter("assignTo"));
                resp.sendRedirect("/app/family/" + family);
            }
            case "/decline" -> {
                if (!"yes".equals(req.getParameter("confirm"))) {
                    throw new IllegalArgumentException(t.get("decline.unconfirmed"));
                }
                Outreach.Declined d = outreach.decline(actor, family, integer(req, "version"));
                List<Html> erased = new ArrayList<>();
                erased.add(Html.of("<li>{}</li>", t.get("decline.erased.scores", d.familyScoresErased())));
                erased.add(Html.of("<li>{}</li>", t.get("decline.erased.steps", d.caseStepsErased())));
                erased.add(Html.of("<li>{}</li>", t.get("decline.erased.disputes", d.disputesErased())));
                erased.add(Html.of("<li>{}</li>", t.get("decline.erased.identities", d.identitiesErased())));
                if (d.auditLinkErased()) {
                    erased.add(Html.of("<li>{}</li>", t.get("decline.erased.audit")));
                }
                page(resp, s, t, 200, t.get("decline.done.title"), Html.of("""
                        <p class="notice" id="declined">{}</p><ul id="erased">{}</ul><p>{}</p><p><a href="/app/">{}</a></p>""",
                        t.get("family.declined"), erased, d.suppressedUntil() == null ? t.get("decline.notsuppressed")
                                : t.get("decline.suppressed", d.suppressedUntil().toString()), t.get("back")));
            }
            case "/dispute" -> {
                String source = outreach.dispute(actor, family, req.getParameter("system"), req.getParameter("record"),
                        "WRONG".equals(req.getParameter("kind")) ? Outreach.Dispute.WRONG : Outreach.Dispute.DISPUTED);
                familyPage(resp, s, t, family, t.get("family.disputed", source));
            }
            default -> throw new NotFoundException("no such page");
        }
    }

    /** What a decline will do, with the button that does it. */
    private void declineConfirmation(HttpServletResponse resp, Session s, Texts t, String family, int version) throws IOException {
        Outreach.DeclinePreview p = outreach.previewDecline(s.actor(), family);
        List<Html> members = p.members().stream().map(r -> Html.of("<li>{}</li>", t.role(r))).toList();
        page(resp, s, t, 200, t.get("decline.title", family), Html.of("""
                <p>{}</p><ul id="affected">{}</ul>
                <p>{}</p><ul id="will-erase"><li>{}</li><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ul>
                <p class="note">{}</p>
                <form method="post" action="/app/family/{}/decline"><input type="hidden" name="csrf" value="{}">
                  <input type="hidden" name="version" value="{}"><input type="hidden" name="confirm" value="yes">
                  <button type="submit" id="confirm-decline">{}</button> <a href="/app/family/{}">{}</a></form>""",
                t.get("decline.affects"), members, t.get("decline.will"), t.get("decline.erased.scores", p.runs()),
                t.get("decline.erased.steps", p.caseSteps()), t.get("decline.erased.disputes", p.disputes()), t.get("decline.will.identities"),
                t.get("decline.erased.audit"), t.get("decline.suppression.note"), family, s.csrf(), version, t.get("decline.confirm"), family,
                t.get("decline.cancel")));
    }

    private static Transparency.IdentityCheck identityCheck(String name) {
        try {
            return Transparency.IdentityCheck.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("state how the requester's identity was checked");
        }
    }

    private static Outreach.Purpose purpose(String name) {
        try {
            return Outreach.Purpose.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("choose the purpose of opening the family from the list");
        }
    }

    private static int integer(HttpServletRequest req, String name) {
        try {
            return Integer.parseInt(req.getParameter(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    private static State state(String name) {
        try {
            return State.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown state");
        }
    }

    // --- sign-in ---------------------------------------------------------------------------------------

    private void loginPage(HttpServletRequest req, HttpServletResponse resp, String message, int status) throws IOException {
        Texts t = Texts.of(language(req));
        String token = Sessions.token();
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/app/login; HttpOnly; SameSite=Strict" + (web.secure(req) ? "; Secure" : ""));
        Html body = Html.of("""
                {}
                <form method="post" action="/app/login">
                  <input type="hidden" name="csrf" value="{}">
                  <label>{} <input name="username" id="username" autocomplete="username" required maxlength="64"></label>
                  <label>{} <input name="password" id="password" type="password" autocomplete="current-password" required></label>
                  <button type="submit" id="signin">{}</button>
                </form>{}""", message == null ? Html.EMPTY : Html.of("<p class=\"error\" id=\"message\">{}</p>", message),
                token, t.get("signin.username"), t.get("signin.password"), t.get("signin.submit"),
                Html.of("{}{}", oidc == null ? Html.EMPTY : Html.of("<p><a href=\"/app/oidc/login\" id=\"sso\">{}</a></p>", oidc.label()),
                        saml == null ? Html.EMPTY : Html.of("<p><a href=\"/app/saml/login\" id=\"kombit\">{}</a></p>", saml.label())));
        write(resp, status, layout(t, null, t.get("signin.title"), body));
    }

    private void signIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Texts t = Texts.of(language(req));
        String form = req.getParameter("csrf");
        String cookie = WebSupport.cookie(req, LOGIN_COOKIE);
        if (form == null || cookie == null || !java.security.MessageDigest.isEqual(form.getBytes(), cookie.getBytes())) {
            loginPage(req, resp, t.get("error.403"), 403);
            return;
        }
        String password = req.getParameter("password");
        WebSupport.SignIn result = web.signIn(req.getParameter("username"), password == null ? new char[0] : password.toCharArray(),
                web.address(req));
        switch (result.outcome()) {
            case OK -> {
                web.open(result.actor(), result.credential(), t.language(), resp, req);
                resp.sendRedirect("/app/");
            }
            case LIMITED -> loginPage(req, resp, t.get("signin.limited"), 429);
            default -> loginPage(req, resp, t.get("signin.failed"), 401);
        }
    }

    /** Before sign-in: the configured language (Danish unless configured otherwise); each user can switch after. */
    private void oidcStart(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OidcSignIn o = oidc;
        if (o == null) {
            resp.sendError(404);
            return;
        }
        try {
            OidcSignIn.Start start = o.start();
            // Lax, not Strict: the provider's redirect back is a navigation from another site
            resp.addHeader("Set-Cookie", OIDC_COOKIE + "=" + start.cookie() + "; Path=/app/oidc; HttpOnly; SameSite=Lax; Max-Age=600"
                    + (web.secure(req) ? "; Secure" : ""));
            resp.sendRedirect(start.location());
        } catch (OidcSignIn.Refused e) {
            LOG.warn("OpenID Connect sign-in could not start: {}", e.getMessage());
            loginPage(req, resp, Texts.of(language(req)).get("signin.sso.failed"), 503);
        }
    }

    private void oidcCallback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OidcSignIn o = oidc;
        if (o == null) {
            resp.sendError(404);
            return;
        }
        Texts t = Texts.of(language(req));
        resp.addHeader("Set-Cookie", OIDC_COOKIE + "=; Path=/app/oidc; HttpOnly; SameSite=Lax; Max-Age=0");
        try {
            Actor actor = o.complete(req.getParameter("state"), WebSupport.cookie(req, OIDC_COOKIE), req.getParameter("code"), req.getParameter("error"));
            web.open(actor, null, t.language(), resp, req);
            // a page, not a redirect: the session cookie is SameSite=Strict and this request came from the provider's site
            write(resp, 200, Html.of("""
                    <!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/app/">
                    <title>{}</title></head><body><p><a href="/app/" id="continue">{}</a></p></body></html>""", t.language(), t.get("app.title"),
                    t.get("back")));
        } catch (OidcSignIn.Refused e) {
            LOG.warn("OpenID Connect sign-in refused: {}", e.getMessage());
            loginPage(req, resp, t.get("signin.sso.failed"), 401);
        }
    }

    /**
     * KOMBIT's Context Handler (SAML): the service provider's metadata, the start of a sign-in, the assertion consumer
     * (HTTP-POST from the Context Handler) and single logout (HTTP-Redirect both ways).
     */
    private void saml(String path, boolean post, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SamlSignIn k = saml;
        if (k == null) {
            resp.sendError(404);
            return;
        }
        Texts t = Texts.of(language(req));
        boolean secure = web.secure(req);
        try {
            switch (path) {
                case "/saml/metadata" -> {
                    resp.setContentType("application/samlmetadata+xml;charset=UTF-8");
                    resp.getWriter().write(k.metadata());
                }
                case "/saml/login" -> {
                    SamlSignIn.Start start = k.start();
                    // the Context Handler's answer is a cross-site POST: the cookie must be SameSite=None (so Secure) to come with it
                    resp.addHeader("Set-Cookie", SAML_COOKIE + "=" + start.cookie() + "; Path=/app/saml; HttpOnly; Max-Age=600"
                            + (secure ? "; SameSite=None; Secure" : "; SameSite=Lax"));
                    resp.sendRedirect(start.location());
                }
                case "/saml/acs" -> {
                    if (!post) {
                        resp.sendError(405);
                        return;
                    }
                    resp.addHeader("Set-Cookie", SAML_COOKIE + "=; Path=/app/saml; HttpOnly; Max-Age=0" + (secure ? "; SameSite=None; Secure" : "; SameSite=Lax"));
                    SamlSignIn.SignedIn in = k.complete(req.getParameter("SAMLResponse"), WebSupport.cookie(req, SAML_COOKIE));
                    web.open(in.actor(), null, t.language(), resp, req);
                    resp.addHeader("Set-Cookie", SAML_SESSION_COOKIE + "=" + in.sessionCookie() + "; Path=/app; HttpOnly; SameSite=Lax"
                            + (secure ? "; Secure" : ""));
                    // a page, not a redirect: the session cookie is SameSite=Strict and this request came from the Context Handler's site
                    write(resp, 200, Html.of("""
                            <!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/app/">
                            <title>{}</title></head><body><p><a href="/app/" id="continue">{}</a></p></body></html>""", t.language(), t.get("app.title"),
                            t.get("back")));
                }
                case "/saml/slo" -> {
                    if (post) {
                        resp.sendError(405);
                        return;
                    }
                    Map<String, List<String>> parameters = new java.util.HashMap<>();
                    req.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
                    resp.sendRedirect(k.singleLogout(req.getQueryString(), parameters));
                }
                default -> resp.sendError(404);
            }
        } catch (SamlSignIn.Refused e) {
            LOG.warn("KOMBIT (SAML) sign-in or logout refused: {}", e.getMessage());
            loginPage(req, resp, t.get("signin.sso.failed"), 401);
        }
    }

    private String language(HttpServletRequest req) {
        return web.defaultLanguage();
    }


    // --- pages -----------------------------------------------------------------------------------------

    private void worklist(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Outreach.Worklist list = outreach.worklist(s.actor());
        Html body;
        if (list.run() == null) {
            body = Html.of("<p>{}</p>", t.get("worklist.none"));
        } else {
            List<Html> rows = new ArrayList<>();
            for (Outreach.Entry e : list.families()) {
                List<Html> badges = e.indicators().stream().map(i -> Html.of("<span class=\"badge\">{}</span>", t.indicator(i))).toList();
                String ages = String.join(", ", e.children().stream().map(c -> String.valueOf(c.ageYears())).toList());
                rows.add(Html.of("<tr><td><a href=\"/app/family/{}\">{}</a> <span class=\"note\">{}</span></td><td class=\"num\">{}</td><td>{}</td>"
                        + "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>", e.familyId(), e.familyId(), t.get("worklist.children",
                        e.children().size()), e.score(), badges, ages, t.state(e.state()), e.assignedTo() == null ? "" : e.assignedTo()));
            }
            int onList = Math.min(list.capacity(), list.flagged());
            body = Html.of("""
                    <p>{}</p><p id="capacity">{}</p><p class="note">{}</p>
                    {}""", t.get("worklist.run", String.valueOf(list.run().id()), list.run().modelId(), list.run().modelVersion(),
                    list.run().asOf().toString(), String.valueOf(list.flagged())), t.get(list.byLottery() ? "worklist.capacity.lottery" : "worklist.capacity",
                    String.valueOf(list.byLottery() ? list.families().size() : onList),
                    String.valueOf(list.byLottery() ? Math.max(0, list.flagged() - list.families().size()) : list.flagged() - onList)),
                    t.get("worklist.pseudonymous"),
                    rows.isEmpty() ? Html.of("<p>{}</p>", t.get("worklist.empty"))
                            : Html.of("""
                                    <table id="worklist"><thead><tr><th>{}</th><th class="num">{}</th><th>{}</th><th class="num">{}</th><th>{}</th><th>{}</th></tr></thead>
                                    <tbody>{}</tbody></table>""", t.get("worklist.family"), t.get("worklist.score"), t.get("worklist.indicators"),
                                    t.get("worklist.age"), t.get("worklist.state"), t.get("worklist.assigned"), rows));
        }
        page(resp, s, t, 200, t.get("worklist.title"), body);
    }

    /** The pseudonymous explanation, and for outreach staff the forms to open the family and move its case. */
    private void familyPage(HttpServletResponse resp, Session s, Texts t, String family, String notice) throws IOException {
        FamilyScore f = outreach.explanation(s.actor(), family);
        Html forms = Html.EMPTY;
        if (s.actor().role().mayReidentify()) {
            forms = Html.of("""
                    <form method="post" action="/app/family/{}/open"><fieldset><legend>{}</legend>
                      <input type="hidden" name="csrf" value="{}">
                      <label>{} <select name="purpose" id="purpose" required>{}</select></label>
                      <button type="submit" id="open">{}</button> <span class="note">{}</span>
                    </fieldset></form>""", family, t.get("family.open"), s.csrf(), t.get("family.purpose"),
                    java.util.Arrays.stream(Outreach.Purpose.values()).map(p -> Html.of("<option value=\"{}\">{}</option>", p.name(),
                            t.get("purpose." + p.name()))).toList(), t.get("family.open.submit"), t.get("family.open.note"));
        }
        page(resp, s, t, 200, t.get("family.title", family), Html.of("{}<h2>{}</h2>{}{}",
                notice == null ? Html.EMPTY : Html.of("<p class=\"notice\">{}</p>", notice), t.get("family.explanation"),
                explanation(t, s, family, f, s.actor().role().mayReidentify()), forms));
    }

    private Html explanation(Texts t, Session s, String family, FamilyScore f, boolean disputable) {
        List<Html> rows = new ArrayList<>();
        for (Contribution c : f.contributions()) {
            Html dispute = disputable ? Html.of("""
                    <form class="inline" method="post" action="/app/family/{}/dispute"><input type="hidden" name="csrf" value="{}">\
                    <input type="hidden" name="system" value="{}"><input type="hidden" name="record" value="{}">\
                    <button name="kind" value="DISPUTED">{}</button><button name="kind" value="WRONG">{}</button></form>""",
                    family, s.csrf(), c.sourceSystem(), c.sourceRecordId(), t.get("family.dispute"), t.get("family.dispute.wrong")) : Html.EMPTY;
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"note\">{}</td><td>{}</td></tr>",
                    t.indicator(c.indicator()), t.role(c.role()), c.sourceSystem(), c.sourceRecordId() == null ? "–" : c.sourceRecordId(),
                    c.start() + (c.end() == null || c.end().equals(c.start()) ? "" : " – " + c.end()), c.points(), c.basis(), dispute));
        }
        return Html.of("""
                <table id="explanation"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th>{}</th><th></th></tr></thead>
                <tbody>{}</tbody><tfoot><tr><th colspan="5">{}</th><th class="num" id="total">{}</th><th colspan="2"></th></tr></tfoot></table>""",
                t.get("family.indicator"), t.get("family.role"), t.get("family.source"), t.get("family.record"), t.get("family.date"),
                t.get("family.points"), t.get("family.basis"), rows, t.get("family.total"), f.score());
    }

    /** The response to opening a family: who they are, the explanation, the history and the case. */
    private void identifiedPage(HttpServletResponse resp, Session s, Texts t, FamilyView v) throws IOException {
        String family = v.score().familyId();
        List<Html> members = v.members().stream().map(m -> Html.of("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", t.role(m.role()),
                m.identity().name() == null ? "" : m.identity().name(), m.identity().cpr() == null ? "" : formatCpr(m.identity().cpr()),
                m.identity().address() == null ? "" : m.identity().address())).toList();
        List<Html> history = v.history().stream().map(a -> Html.of("<li>{} {} ({} {}): {} – {}</li>", a.asOf().toString(), "#" + a.runId(),
                a.modelId(), a.modelVersion(), a.score(), a.flagged() ? t.get("family.listed") : t.get("family.notlisted"))).toList();
        List<Html> steps = v.steps().stream().map(st -> Html.of("<li>{} – {} ({}{})</li>", TIME.format(st.at()), t.state(st.state()), st.actor(),
                st.assignedTo() == null ? "" : " → " + st.assignedTo())).toList();
        List<Html> next = new ArrayList<>();
        for (State to : v.state().next()) {
            if (to != State.DECLINED) {
                next.add(Html.of("<option value=\"{}\">{}</option>", to.name(), t.state(to)));
            }
        }
        Html move = next.isEmpty() ? Html.EMPTY : Html.of("""
                <form method="post" action="/app/family/{}/state"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="version" value="{}">
                  <label>{} <select name="to" id="to">{}</select></label>
                  <label>{} <input name="assignTo" id="assignTo" maxlength="64"></label>
                  <button type="submit" id="move">{}</button></form>""", family, s.csrf(), v.version(), t.get("family.move"), next,
                t.get("family.assignto"), t.get("family.move"));
        Html decline = v.state().next().contains(State.DECLINED) ? Html.of("""
                <form method="get" action="/app/family/{}/decline"><input type="hidden" name="version" value="{}">
                  <button type="submit" id="decline">{}</button> <span class="note">{}</span></form>""", family, v.version(),
                t.get("family.decline"), t.get("family.decline.note")) : Html.EMPTY;
        Html household = v.household().isEmpty() ? Html.EMPTY : Html.of("""
                <h2>{}</h2><p class="note">{}</p><ul id="household">{}</ul>""", t.get("family.household"), t.get("family.household.note"),
                v.household().stream().map(c -> c.familyId().equals(family)
                        ? Html.of("<li><strong>{}</strong>: {}</li>", c.familyId(), t.get("family.household.child", String.valueOf(c.ageYears()),
                                String.valueOf(c.score()), t.state(c.state())))
                        : Html.of("<li><a href=\"/app/family/{}\">{}</a>: {}</li>", c.familyId(), c.familyId(), t.get("family.household.child",
                                String.valueOf(c.ageYears()), String.valueOf(c.score()), t.state(c.state())))).toList());
        Html body = Html.of("""
                <p class="note">{}</p>{}
                <h2>{}</h2><table id="members" class="identity"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>
                <h2>{}</h2>{}
                <h2>{}</h2><ul>{}</ul>
                <h2>{}</h2><p id="state">{}</p><ul>{}</ul>{}{}
                <p><a href="/app/">{}</a></p>""",
                t.get("family.model", v.run().modelId(), v.run().modelVersion(), String.valueOf(v.run().id()), v.run().asOf().toString(),
                        v.run().legalBasisId()), household,
                t.get("family.members"), t.get("family.role"), t.get("family.name"), t.get("family.cpr"), t.get("family.address"), members,
                t.get("family.explanation"), explanation(t, s, family, v.score(), true),
                t.get("family.history"), history,
                t.get("family.case"), t.get("family.state", t.state(v.state())), steps, move, decline, t.get("back"));
        page(resp, s, t, 200, t.get("family.title", family), body);
    }

    private static String formatCpr(String cpr) {
        return cpr.length() == 10 ? cpr.substring(0, 6) + "-" + cpr.substring(6) : cpr;
    }

    private void auditPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        if (!s.actor().role().mayReadAudit()) {
            audit.record(s.actor(), Action.ACCESS_REFUSED, "", "audit trail refused for role " + s.actor().role());
            throw new AccessDeniedException("only auditors read the audit trail");
        }
        Action action = null;
        String a = req.getParameter("action");
        if (a != null && !a.isBlank()) {
            try {
                action = Action.valueOf(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown action");
            }
        }
        String who = req.getParameter("actor");
        who = who == null || who.isBlank() ? null : who.strip();
        List<AuditTrail.Shown> entries = audit.search(new AuditTrail.Query(s.actor().tenant(), action, who, null, null, null, null, 500));
        audit.record(s.actor(), Action.AUDIT_VIEW, "", (action == null ? "all actions" : action.name()) + (who == null ? "" : ", user " + who));
        // checked at most every ten minutes, however often the page is viewed; bin/tidlig audit verify checks at once
        AuditTrail.Verification v = audit.verify(java.time.Duration.ofMinutes(10));
        List<Html> options = new ArrayList<>();
        options.add(Html.of("<option value=\"\">{}</option>", t.get("audit.all")));
        for (Action x : Action.values()) {
            options.add(Html.of(x == action ? "<option selected>{}</option>" : "<option>{}</option>", x.name()));
        }
        List<Html> rows = entries.stream().map(x -> {
            AuditEntry e = x.entry();
            return Html.of("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    e.seq(), TIME.format(e.at()), e.actor(), e.role(), e.action(), subject(t, x), detail(t, x));
        }).toList();
        Html chain = v.intact() ? Html.of("<p class=\"notice\" id=\"chain\">{}</p>", t.get("audit.intact", String.valueOf(v.entries()), TIME.format(v.checkedAt())))
                : Html.of("<div class=\"error\" id=\"chain\"><p>{}</p><ul>{}</ul></div>", t.get("audit.broken"),
                        v.problems().stream().map(p -> Html.of("<li>{}</li>", p.description())).toList());
        Html body = Html.of("""
                {}
                <form method="get" action="/app/audit"><label>{} <select name="action">{}</select></label>
                  <label>{} <input name="actor" value="{}" maxlength="64"></label><button type="submit">{}</button></form>
                <table id="audit"><thead><tr><th class="num">{}</th><th>{}</th><th>{}</th><th></th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>""",
                chain, t.get("audit.action"), options, t.get("audit.actor"), who == null ? "" : who, t.get("audit.filter"), t.get("audit.seq"),
                t.get("audit.at"), t.get("audit.actor"), t.get("audit.action"), t.get("audit.subject"), t.get("audit.detail"), rows);
        page(resp, s, t, 200, t.get("audit.title"), body);
    }

    /** An entry's subject: a family's reference shows the family while the family has not declined. */
    static String subject(Texts t, AuditTrail.Shown x) {
        String subject = x.entry().subject();
        if (x.familyId() != null) {
            return x.familyId() + " (" + subject + ")";
        }
        return subject.startsWith("A-") ? subject + " " + t.get("audit.unlinked") : subject;
    }

    /** An entry's detail, with its sealed part opened while that can be done. */
    static String detail(Texts t, AuditTrail.Shown x) {
        String detail = x.entry().detail().replaceFirst(" \\[sealed:[A-Za-z0-9+/=]+\\]$", "");
        if (detail.length() == x.entry().detail().length()) {
            return detail;
        }
        return detail + " – " + (x.sealedDetail() != null ? x.sealedDetail() : t.get("audit.sealed"));
    }

    private static final Pattern DELIVERY = Pattern.compile("/deliveries/(\\d{1,18})(/open|/resolve)?");

    /**
     * The operator's console: the sources and deliveries; one delivery with its quarantined lines; a quarantined line's
     * content (POST with a reason, audited); the resolution of a delivery's lines by a later one (POST, then redirect).
     */
    private void deliveriesPage(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Actor actor = s.actor();
        Instant now = Instant.now();
        if (path.equals("/deliveries") && !post) {
            String adapter = req.getParameter("adapter");
            if (adapter != null && !adapter.matches("[a-z][a-z0-9-]{1,30}")) {
                adapter = null;
            }
            List<Delivery> deliveries = operations.deliveries(actor, adapter, 200);
            page(resp, s, t, 200, t.get("ops.title"), OperationsPages.deliveries(t, operations.freshness(actor), deliveries, adapter, now));
            return;
        }
        Matcher m = DELIVERY.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        long id = Long.parseLong(m.group(1));
        Delivery d = operations.delivery(actor, id).orElseThrow(() -> new NotFoundException("no such delivery"));
        String action = m.group(2) == null ? "" : m.group(2);
        if (!post && action.isEmpty()) {
            String resolved = req.getParameter("resolved");
            String by = req.getParameter("by");
            String notice = resolved != null && resolved.matches("\\d{1,9}") && by != null && by.matches("\\d{1,18}")
                    ? t.get("ops.resolved.done", resolved, by) : null;
            page(resp, s, t, 200, t.get("ops.delivery.title", String.valueOf(id)),
                    OperationsPages.delivery(t, s.csrf(), d, operations.quarantine(actor, id, false, 10_000), now, notice));
            return;
        }
        if (post && action.equals("/open")) {
            String line = req.getParameter("line");
            if (line == null || !line.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("no line");
            }
            long lineId = Long.parseLong(line);
            QuarantinedLine q = operations.quarantine(actor, id, false, 100_000).stream().filter(x -> x.id() == lineId).findFirst()
                    .orElseThrow(() -> new NotFoundException("no such line"));
            String content = operations.openQuarantinedLine(actor, lineId, req.getParameter("reason"));
            resp.setHeader("Cache-Control", "no-store");
            page(resp, s, t, 200, t.get("ops.content.title"), OperationsPages.content(t, d, q, content));
            return;
        }
        if (post && action.equals("/resolve")) {
            String by = req.getParameter("by");
            if (by == null || !by.strip().matches("\\d{1,18}")) {
                throw new IllegalArgumentException(t.get("ops.resolve.by"));
            }
            int n = operations.resolveQuarantine(actor, id, Long.parseLong(by.strip()));
            resp.sendRedirect("/app/deliveries/" + id + "?resolved=" + n + "&by=" + Long.parseLong(by.strip()));
            return;
        }
        throw new NotFoundException("no such page");
    }

    /** The administrator's view: the deployed adapters and the local users, no personal data. */
    private void adminPage(HttpServletResponse resp, Session s, Texts t) throws IOException {
        List<Html> users = web.users(s.actor().tenant()).stream().map(u -> Html.of("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", u.username(), u.role(),
                u.disabled() ? t.get("admin.disabled") : "")).toList();
        page(resp, s, t, 200, t.get("admin.title"), Html.of("""
                {}<p class="note">{}</p><p><a href="/app/deliveries" id="deliveries">{}</a> · <a href="/health">{}</a></p>
                <h2>{}</h2>{}
                <h2>{}</h2><table id="users"><tbody>{}</tbody></table><p class="note">{}</p>""",
                OperationsPages.overdue(t, operations.freshness(s.actor()), Instant.now()), t.get("admin.note"), t.get("admin.deliveries"), t.get("admin.health"),
                t.get("inventory.title"), TransparencyPages.inventory(t, transparency.dataInventory()), t.get("admin.users"), users, t.get("admin.manage")));
    }

    private void error(HttpServletResponse resp, Session s, Texts t, int status, String message) throws IOException {
        page(resp, s, t, status, t.get("error.title"), Html.of("<p class=\"error\" id=\"message\">{}</p><p><a href=\"/app/\">{}</a></p>", message,
                t.get("back")));
    }

    private void page(HttpServletResponse resp, Session s, Texts t, int status, String title, Html body) throws IOException {
        write(resp, status, layout(t, s, title, body));
    }

    private static Html layout(Texts t, Session s, String title, Html body) {
        Html who = s == null ? Html.EMPTY : Html.of("""
                <nav>{}</nav>
                <span class="who" id="who">{} ({}, {})</span>
                <form method="post" action="/app/language"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="lang" value="{}"><button type="submit">{}</button></form>
                <form method="post" action="/app/logout"><input type="hidden" name="csrf" value="{}"><button type="submit" id="signout">{}</button></form>""",
                navigation(t, s.actor().role()), s.actor().user(), roleLabel(t, s.actor().role()), s.actor().tenant(), s.csrf(), t.get("language.other.code"), t.get("language.other"),
                s.csrf(), t.get("signout"));
        return Html.of("""
                <!DOCTYPE html>
                <html lang="{}"><head><meta charset="utf-8"><title>{} – {}</title><link rel="stylesheet" href="/app/static/tidlig.css"></head>
                <body><header><a href="/app/"><strong>{}</strong></a><span>{}</span>{}</header>
                <main><h1>{}</h1>
                {}
                </main></body></html>""", t.language(), title, t.get("app.title"), t.get("app.title"), t.get("app.tagline"), who, title, body);
    }

    /** The pages the role may use. */
    private static List<Html> navigation(Texts t, Role role) {
        List<Html> links = new ArrayList<>();
        if (role.maySeeWorklist()) {
            links.add(Html.of("<a href=\"/app/\">{}</a> ", t.get("nav.list")));
        }
        links.add(Html.of("<a href=\"/app/model\" id=\"nav-model\">{}</a> ", t.get("nav.model")));
        links.add(Html.of("<a href=\"/app/evidence\" id=\"nav-evidence\">{}</a> ", t.get("nav.evidence")));
        if (role == Role.ADMINISTRATOR || role == Role.DATA_PROTECTION_OFFICER || role == Role.AUDITOR) {
            links.add(Html.of("<a href=\"/app/models\" id=\"nav-models\">{}</a> ", t.get("nav.models")));
        }
        if (role == Role.ADMINISTRATOR) {
            links.add(Html.of("<a href=\"/app/deliveries\" id=\"nav-deliveries\">{}</a> ", t.get("nav.deliveries")));
            links.add(Html.of("<a href=\"/app/configuration\" id=\"nav-configuration\">{}</a> ", t.get("nav.configuration")));
        }
        links.add(Html.of("<a href=\"/app/inventory\">{}</a> ", t.get("nav.inventory")));
        if (role.mayProduceAccessReports()) {
            links.add(Html.of("<a href=\"/app/access\" id=\"nav-access\">{}</a> ", t.get("nav.access")));
        }
        if (role.mayReviewAccessReports()) {
            links.add(Html.of("<a href=\"/app/access/reviews\" id=\"nav-reviews\">{}</a> ", t.get("nav.reviews")));
        }
        if (role.mayReadAudit()) {
            links.add(Html.of("<a href=\"/app/audit\">{}</a> ", t.get("nav.audit")));
        }
        return links;
    }

    private static String roleLabel(Texts t, Role role) {
        return "en".equals(t.language()) ? role.englishLabel() : role.danishLabel();
    }

    private static void write(HttpServletResponse resp, int status, Html page) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter w = resp.getWriter();
        w.write(page.toString());
        w.flush();
    }

    private static void stylesheet(HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "max-age=3600");
        resp.setContentType("text/css;charset=UTF-8");
        try (InputStream in = WebApp.class.getResourceAsStream("tidlig.css")) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
