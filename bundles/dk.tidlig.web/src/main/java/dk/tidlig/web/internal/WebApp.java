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
    private static final Pattern FAMILY = Pattern.compile("/family/(F-[B-Z]{5}-[B-Z]{5})(/open|/state|/assign|/decline|/dispute|/withdraw|/leave)?");
    private static final String LOGIN_COOKIE = "tidlig_login";
    /** The language this browser chose, remembered for the next sign-in. */
    private static final String LANGUAGE_COOKIE = "tidlig_lang";
    private static final String OIDC_COOKIE = "tidlig_oidc";
    /** A started SAML sign-in: the sealed id of the AuthnRequest the Context Handler's response must answer. */
    private static final String SAML_COOKIE = "tidlig_saml";
    /** A SAML session: the sealed NameID and session index, for single logout. */
    private static final String SAML_SESSION_COOKIE = "tidlig_saml_session";

    private final transient WebSupport web;
    private final transient Outreach outreach;
    private final transient AuditTrail audit;
    private final transient Transparency transparency;
    private final transient EvidenceService evidence;
    private final transient ModelActivation activation;
    private final transient Operations operations;
    private final transient dk.tidlig.evidence.Documents documents;
    private final transient dk.tidlig.core.transparency.Statistics statistics;

    /** Sign-in with the municipality's SSO, when configured (config/dk.tidlig.web.oidc.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OidcSignIn oidc;

    /** Sign-in through KOMBIT's Context Handler, when configured (config/dk.tidlig.web.saml.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SamlSignIn saml;

    @Activate
    public WebApp(@Reference WebSupport web, @Reference Outreach outreach, @Reference AuditTrail audit, @Reference Transparency transparency,
            @Reference EvidenceService evidence, @Reference ModelActivation activation, @Reference Operations operations,
            @Reference dk.tidlig.evidence.Documents documents, @Reference dk.tidlig.core.transparency.Statistics statistics) {
        this.statistics = statistics;
        this.documents = documents;
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
            plainError(resp, 405);
            return;
        }
        if (path.equals("/static/tidlig.css") || path.equals("/static/tidlig.js") || path.equals("/static/letter.css")) {
            staticFile(resp, path.substring("/static/".length()));
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
            // back to this page after signing in; a form sent after the session ended goes back to the page it was on (its
            // content is kept by the page's script and put back there)
            String here = post ? formPage(path) : "/app" + path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            String back = here == null || here.equals("/app/") || !returnPath(here).equals(here) ? ""
                    : "?return=" + java.net.URLEncoder.encode(here, java.nio.charset.StandardCharsets.UTF_8);
            resp.sendRedirect("/app/login" + back);
            return;
        }
        Session s = session.get();
        if (path.equals("/ping") && !post) {
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT); // the session was used just now: its idle time starts again
            return;
        }
        Texts t = Texts.of(s.language());
        if (post && !WebSupport.csrfOk(s, req)) {
            error(resp, s, t, 403, t.get("error.403"));
            return;
        }
        CURRENT.set(path);
        try {
            route(path, post, req, resp, s, t);
        } catch (AccessDeniedException e) {
            error(resp, s, t, 403, t.get("error.403"));
        } catch (NotFoundException e) {
            error(resp, s, t, 404, t.get("error.404"));
        } catch (ConflictException e) {
            error(resp, s, t, 409, t.get("error.409"));
        } catch (Invalid e) {
            error(resp, s, t, 400, t.get(e.key));
        } catch (IllegalArgumentException e) {
            error(resp, s, t, 400, t.get("error.400", e.getMessage()));
        } catch (LegalBasisException e) {
            error(resp, s, t, 403, t.get("error.legal", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), loggable(path), e);
            error(resp, s, t, 500, t.get("error.title"));
        } finally {
            CURRENT.remove();
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

    /** The evaluation behind the model card: the activation's, or the latest of the same model. */
    private Optional<EvidenceService.Stored> figuresOf(Actor actor, ModelCard card) {
        return card.activation() != null ? evidence.evaluation(actor.tenant(), card.activation().evaluationId())
                : evidence.evaluations(actor.tenant(), 200).stream().filter(e -> e.evaluation().digest().equals(card.digest())).findFirst();
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
            outreach.leave(actor, null);
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
            String lang = "en".equals(req.getParameter("lang")) ? "en" : "da";
            web.language(s, lang);
            // remembered in this browser for the next sign-in (a preference, not personal data)
            resp.addHeader("Set-Cookie", LANGUAGE_COOKIE + "=" + lang + "; Path=/app; Max-Age=31536000; SameSite=Lax" + (web.secure(req) ? "; Secure" : ""));
            seeOther(resp, "/app/");
            return;
        }
        if (path.equals("/") && !post) {
            switch (actor.role()) {
                case AUDITOR -> auditPage(req, resp, s, t, false);
                case DATA_PROTECTION_OFFICER -> resp.sendRedirect("/app/access");
                case ADMINISTRATOR -> adminPage(resp, s, t);
                default -> worklist(req, resp, s, t);
            }
            return;
        }
        if (path.equals("/overview") && !post) {
            page(resp, s, t, 200, t.get("overview.title"), Templates.render("overview", Overviews.overview(t, outreach.overview(actor))));
            return;
        }
        if (path.equals("/statistics") && !post) {
            if (actor.role() == Role.OUTREACH_WORKER) {
                audit.record(actor, Action.ACCESS_REFUSED, "", "statistics refused for role " + actor.role());
                throw new AccessDeniedException("statistics are for analysts, team leads, auditors and administrators");
            }
            ModelCard card = transparency.modelCard(actor.tenant());
            page(resp, s, t, 200, t.get("statistics.title"), Templates.render("statistics", Overviews.statistics(t, statistics.distribution(actor),
                    figuresOf(actor, card))));
            return;
        }
        if (path.equals("/declined") && !post) {
            declinedPage(req, resp, s, t);
            return;
        }
        if ((path.equals("/audit") || path.equals("/audit/export.csv")) && !post) {
            auditPage(req, resp, s, t, path.endsWith(".csv"));
            return;
        }
        if (path.equals("/model") && !post) {
            ModelCard card = transparency.modelCard(actor.tenant());
            Optional<EvidenceService.Stored> figures = figuresOf(actor, card);
            page(resp, s, t, 200, t.get("model.title", card.id(), card.version()), Html.of("{}{}{}<h2>{}</h2>{}", TransparencyPages.modelCard(t, card),
                    EvidencePages.cardTexts(t, card), Html.of("<h2>{}</h2>{}", t.get("model.evidence"), EvidencePages.figures(t, figures)),
                    t.get("model.distribution"), Templates.render("statistics", Overviews.statistics(t, statistics.distribution(actor), null))));
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
                dk.tidlig.core.transparency.AccessReport report = transparency.accessReport(actor, new Transparency.AccessRequest(req.getParameter("cpr"),
                        req.getParameter("reference"), identityCheck(req.getParameter("identityCheck"))));
                Map<String, Object> letter = AccessLetter.model(report, null);
                resp.setHeader("Cache-Control", "no-store");
                if ("pdf".equals(req.getParameter("format"))) {
                    letter.put("css", letterCss());
                    byte[] pdf = documents.pdf(Templates.render("access-letter", letter).toString());
                    resp.setContentType("application/pdf");
                    resp.setHeader("Content-Disposition", "attachment; filename=\"indsigt-" + report.reference().replaceAll("[^A-Za-z0-9-]", "_") + ".pdf\"");
                    resp.getOutputStream().write(pdf);
                } else {
                    letter.put("screen", true);
                    letter.put("back", t.get("back"));
                    letter.put("print", t.get("access.print"));
                    write(resp, 200, Templates.render("access-letter", letter));
                }
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
        if (!post) {
            switch (action) {
                case "" -> familyPage(req, resp, s, t, family);
                case "/decline" -> declineConfirmation(resp, s, t, family, integer(req, "version"));
                case "/dispute" -> disputeConfirmation(req, resp, s, t, family);
                default -> throw new NotFoundException("no such page");
            }
            return;
        }
        switch (action) {
            case "/open" -> {
                outreach.open(actor, family, purpose(req.getParameter("purpose")));
                seeOther(resp, "/app/family/" + family);
            }
            case "/leave" -> {
                outreach.leave(actor, family);
                seeOther(resp, "/app/");
            }
            case "/assign" -> {
                // a team lead assigns from the pseudonymous list, without opening the family; core refuses anyone but a worker
                String assignTo = req.getParameter("assignTo");
                if (assignTo == null || !assignTo.matches("[A-Za-z0-9._@-]{2,64}")) {
                    throw new Invalid("worklist.assign.unknown");
                }
                outreach.transition(actor, family, integer(req, "version"), State.ASSIGNED, assignTo);
                seeOther(resp, "/app/?assigned=" + family + "&to=" + java.net.URLEncoder.encode(assignTo, java.nio.charset.StandardCharsets.UTF_8));
            }
            case "/state" -> {
                State to = state(req.getParameter("to"));
                outreach.transition(actor, family, integer(req, "version"), to, req.getParameter("assignTo"), contact(req, to));
                seeOther(resp, "/app/family/" + family + "?done=state-" + to.name());
            }
            case "/decline" -> {
                if (!"yes".equals(req.getParameter("confirm"))) {
                    throw new Invalid("decline.unconfirmed");
                }
                Outreach.Declined d = outreach.decline(actor, family, integer(req, "version"), declineReason(req.getParameter("reason")));
                seeOther(resp, "/app/declined?scores=" + d.familyScoresErased() + "&steps=" + d.caseStepsErased() + "&marks=" + d.disputesErased()
                        + "&identities=" + d.identitiesErased() + "&audit=" + d.auditLinkErased() + (d.suppressedUntil() == null ? ""
                        : "&until=" + d.suppressedUntil()));
            }
            case "/dispute" -> {
                Contribution c = row(actor, family, req);
                outreach.dispute(actor, family, c.sourceSystem(), c.sourceRecordId(), disputeReason(req.getParameter("reason")));
                seeOther(resp, "/app/family/" + family + "?done=disputed");
            }
            case "/withdraw" -> {
                Contribution c = row(actor, family, req);
                outreach.withdrawDispute(actor, family, c.sourceSystem(), c.sourceRecordId());
                seeOther(resp, "/app/family/" + family + "?done=withdrawn");
            }
            default -> throw new NotFoundException("no such page");
        }
    }

    /** After a decline: what was erased (the counts come in the address; nothing in it names the family). */
    private void declinedPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        java.util.function.ToIntFunction<String> n = name -> {
            String v = req.getParameter(name);
            return v != null && v.matches("\\d{1,6}") ? Integer.parseInt(v) : 0;
        };
        List<Html> erased = new ArrayList<>();
        erased.add(Html.of("<li>{}</li>", t.get("decline.erased.scores", n.applyAsInt("scores"))));
        erased.add(Html.of("<li>{}</li>", t.get("decline.erased.steps", n.applyAsInt("steps"))));
        erased.add(Html.of("<li>{}</li>", t.get("decline.erased.disputes", n.applyAsInt("marks"))));
        erased.add(Html.of("<li>{}</li>", t.get("decline.erased.identities", n.applyAsInt("identities"))));
        if ("true".equals(req.getParameter("audit"))) {
            erased.add(Html.of("<li>{}</li>", t.get("decline.erased.audit")));
        }
        String until = req.getParameter("until");
        String suppression;
        try {
            suppression = until == null ? t.get("decline.notsuppressed") : t.get("decline.suppressed", t.date(java.time.LocalDate.parse(until)));
        } catch (java.time.format.DateTimeParseException e) {
            suppression = t.get("decline.notsuppressed");
        }
        page(resp, s, t, 200, t.get("decline.done.title"), Html.of("""
                <p class="notice" id="declined" role="status">{}</p><ul id="erased">{}</ul><p>{}</p><p><a href="/app/">{}</a></p>""",
                t.get("family.declined"), erased, suppression, t.get("back")));
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
                  <fieldset><legend>{}</legend>{}</fieldset>
                  <button type="submit" id="confirm-decline">{}</button> <a href="/app/family/{}">{}</a></form>""",
                t.get("decline.affects"), members, t.get("decline.will"), t.get("decline.erased.scores", p.runs()),
                t.get("decline.erased.steps", p.caseSteps()), t.get("decline.erased.disputes", p.disputes()), t.get("decline.will.identities"),
                t.get("decline.erased.audit"), t.get("decline.suppression.note"), family, s.csrf(), version, t.get("decline.reason"),
                java.util.Arrays.stream(Outreach.DeclineReason.values()).map(r -> Html.of("<label><input type=\"radio\" name=\"reason\" value=\"{}\" "
                        + "required id=\"reason-{}\"> {}</label>", r.name(), r.name(), t.get("decline.reason." + r.name()))).toList(),
                t.get("decline.confirm"), family, t.get("decline.cancel")));
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
                  <input type="hidden" name="csrf" value="{}"><input type="hidden" name="return" value="{}">
                  <label>{} <input name="username" id="username" autocomplete="username" required maxlength="64"></label>
                  <label>{} <input name="password" id="password" type="password" autocomplete="current-password" required></label>
                  <button type="submit" id="signin">{}</button>
                </form>{}""", message == null ? Html.EMPTY : Html.of("<p class=\"error\" id=\"message\">{}</p>", message),
                token, returnPath(req.getParameter("return")), t.get("signin.username"), t.get("signin.password"), t.get("signin.submit"),
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
                seeOther(resp, returnPath(req.getParameter("return")));
            }
            case LIMITED -> loginPage(req, resp, t.get("signin.limited"), 429);
            default -> loginPage(req, resp, t.get("signin.failed"), 401);
        }
    }

    /** The page a form posting to this path is on: a family's case for its actions, else none. */
    static String formPage(String path) {
        Matcher m = FAMILY.matcher(path);
        return m.matches() ? "/app/family/" + m.group(1) : null;
    }

    /** Where to go after signing in: a page of the application named by the sign-in form, else the start page. */
    static String returnPath(String asked) {
        return asked != null && asked.matches("/app/[A-Za-z0-9/_.-]{0,200}(\\?[A-Za-z0-9=&%._+-]{0,300})?") && !asked.contains("//")
                && !asked.contains("..") ? asked : "/app/";
    }

    /** Before sign-in: the configured language (Danish unless configured otherwise); each user can switch after. */
    private void oidcStart(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OidcSignIn o = oidc;
        if (o == null) {
            plainError(resp, 404);
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
            plainError(resp, 404);
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
            plainError(resp, 404);
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
                        plainError(resp, 405);
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
                        plainError(resp, 405);
                        return;
                    }
                    Map<String, List<String>> parameters = new java.util.HashMap<>();
                    req.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
                    resp.sendRedirect(k.singleLogout(req.getQueryString(), parameters));
                }
                default -> plainError(resp, 404);
            }
        } catch (SamlSignIn.Refused e) {
            LOG.warn("KOMBIT (SAML) sign-in or logout refused: {}", e.getMessage());
            loginPage(req, resp, t.get("signin.sso.failed"), 401);
        }
    }

    /** Before sign-in: the language this browser chose last, else the configured one. */
    private String language(HttpServletRequest req) {
        String chosen = WebSupport.cookie(req, LANGUAGE_COOKIE);
        return "en".equals(chosen) || "da".equals(chosen) ? chosen : web.defaultLanguage();
    }


    // --- pages -----------------------------------------------------------------------------------------

    private void worklist(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Outreach.Worklist list = outreach.worklist(s.actor());
        WorklistPage.Query q = WorklistPage.Query.of(req::getParameter);
        String notice = null;
        String assigned = req.getParameter("assigned");
        String to = req.getParameter("to");
        if (assigned != null && assigned.matches("F-[B-Z]{5}-[B-Z]{5}") && to != null && to.matches("[A-Za-z0-9._@-]{2,64}")) {
            notice = t.get("worklist.assigned.done", assigned, to);
        }
        Map<String, Object> m = WorklistPage.model(t, list, q, s.actor().role() == Role.TEAM_LEAD ? outreachWorkers(s.actor().tenant()) : List.of(),
                s.csrf(), notice);
        page(resp, s, t, 200, t.get("worklist.title"), Templates.render("worklist", m));
    }

    /** The municipality's outreach workers, whom a team lead assigns cases to. */
    private List<String> outreachWorkers(String tenant) {
        return web.users(tenant).stream().filter(u -> u.role() == Role.OUTREACH_WORKER && !u.disabled()).map(u -> u.username()).sorted().toList();
    }

    /**
     * A family's page: for its worker within a working session, the case's page (who the family is, the case and its steps);
     * else the pseudonymous explanation, and for outreach staff the form that opens the family with a purpose.
     */
    private void familyPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t, String family) throws IOException, LegalBasisException {
        Actor actor = s.actor();
        Optional<FamilyView> working = outreach.resume(actor, family);
        if (working.isPresent()) {
            boolean lead = actor.role() == Role.TEAM_LEAD;
            Map<String, Object> m = CasePage.model(t, working.get(), s.csrf(), lead ? outreach.workers(actor) : List.of(), lead, req.getParameter("done"));
            page(resp, s, t, 200, t.get("family.title", family), Templates.render("case", m));
            return;
        }
        FamilyScore f = outreach.explanation(actor, family);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("explanation", CasePage.explanation(t, f, Optional.empty(), s.csrf(), false));
        m.put("notice", req.getParameter("done") != null ? t.get("case.done.closed") : null);
        if (actor.role().mayReidentify()) {
            m.put("open", Map.of("legend", t.get("family.open"), "csrf", s.csrf(), "label", t.get("family.purpose"), "family", family,
                    "purposes", java.util.Arrays.stream(Outreach.Purpose.values()).map(p -> Map.of("value", p.name(), "text", t.get("purpose." + p.name())))
                            .toList(), "submit", t.get("family.open.submit"), "note", t.get("family.open.note")));
        }
        page(resp, s, t, 200, t.get("family.title", family), Templates.render("family", m));
    }

    /** A form the user must correct, said in the user's language from the message key. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient String key;

        Invalid(String key) {
            super(key);
            this.key = key;
        }
    }

    /** Answers a POST with 303 See Other: the browser GETs the page, and Back or reload never sends the form again. */
    private static void seeOther(HttpServletResponse resp, String location) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", location);
    }

    /** The contribution a form names by its row in the family's explanation (no record id in an address). */
    private Contribution row(Actor actor, String family, HttpServletRequest req) throws LegalBasisException {
        List<Contribution> cs = outreach.resume(actor, family).map(v -> v.score().contributions())
                .orElseThrow(() -> new Invalid("case.notopen"));
        int row = integer(req, "row");
        if (row < 0 || row >= cs.size()) {
            throw new NotFoundException("no such data point");
        }
        return cs.get(row);
    }

    /** What marking a data point will do, with the reasons to choose from. */
    private void disputeConfirmation(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t, String family) throws IOException,
            LegalBasisException {
        Contribution c = row(s.actor(), family, req);
        List<Html> reasons = java.util.Arrays.stream(Outreach.DisputeReason.values()).map(r -> Html.of("""
                <label><input type="radio" name="reason" value="{}" required> {}</label>""", r.name(), t.get("dispute.reason." + r.name()))).toList();
        page(resp, s, t, 200, t.get("dispute.title", family), Html.of("""
                <p>{}</p><dl class="point"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>
                <p id="will">{}</p>
                <form method="post" action="/app/family/{}/dispute"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="row" value="{}">
                <fieldset><legend>{}</legend>{}</fieldset>
                <button type="submit" id="confirm-dispute">{}</button> <a href="/app/family/{}">{}</a></form>""",
                t.get("dispute.intro"), t.get("family.indicator"), t.indicator(c.indicator()), t.get("family.role"), t.role(c.role()),
                t.get("family.source"), c.sourceSystem(), t.get("family.date"), t.date(c.start()), t.get("dispute.will", c.sourceSystem()), family,
                s.csrf(), req.getParameter("row"), t.get("dispute.reason"), reasons, t.get("dispute.confirm"), family, t.get("decline.cancel")));
    }

    private static Outreach.DisputeReason disputeReason(String name) {
        try {
            return Outreach.DisputeReason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("dispute.reason.missing");
        }
    }

    private static Outreach.DeclineReason declineReason(String name) {
        try {
            return Outreach.DeclineReason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("decline.reason.missing");
        }
    }

    /** A contact from the step's form: required for a step to CONTACTED, else none. */
    private static Outreach.Contact contact(HttpServletRequest req, State to) {
        if (to != State.CONTACTED) {
            return null;
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(req.getParameter("contactDate"));
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new Invalid("case.contact.date.missing");
        }
        Outreach.Channel channel;
        try {
            channel = Outreach.Channel.valueOf(req.getParameter("channel"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("case.contact.channel.missing");
        }
        return new Outreach.Contact(day, channel, req.getParameter("note"));
    }

    private void auditPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t, boolean export) throws IOException {
        if (!s.actor().role().mayReadAudit()) {
            audit.record(s.actor(), Action.ACCESS_REFUSED, "", "audit trail refused for role " + s.actor().role());
            throw new AccessDeniedException("only auditors read the audit trail");
        }
        AuditPage.Filter f = AuditPage.Filter.of(req::getParameter);
        String tenant = s.actor().tenant();
        if (export) {
            List<AuditTrail.Shown> entries = audit.search(f.query(tenant, AuditPage.EXPORT_LIMIT));
            audit.record(s.actor(), Action.EXPORT, "", "audit trail as CSV: " + entries.size() + " entries; " + f.described());
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentType("text/csv;charset=UTF-8");
            resp.setHeader("Content-Disposition", "attachment; filename=\"audit-" + tenant + "-" + java.time.LocalDate.now(AuditPage.ZONE) + ".csv\"");
            resp.getWriter().write(AuditPage.csv(t, entries));
            return;
        }
        List<AuditTrail.Shown> entries = audit.search(f.query(tenant, AuditPage.PAGE_SIZE + 1));
        boolean more = entries.size() > AuditPage.PAGE_SIZE;
        entries = more ? entries.subList(0, AuditPage.PAGE_SIZE) : entries;
        audit.record(s.actor(), Action.AUDIT_VIEW, "", f.described());
        // checked at most every ten minutes, however often the page is viewed; bin/tidlig audit verify checks at once
        AuditTrail.Verification v = audit.verify(java.time.Duration.ofMinutes(10));
        Instant since = Instant.now().minus(java.time.Duration.ofDays(1));
        List<AuditEntry> openings = new ArrayList<>(audit.find(tenant, Action.EXPLANATION_VIEW, null, since, null, 50_000));
        openings.addAll(audit.find(tenant, Action.REIDENTIFY, null, since, null, 50_000));
        int limit = web.familiesPerHourAlert();
        page(resp, s, t, 200, t.get("audit.title"), Templates.render("audit", AuditPage.model(t, f, entries, more, v, AuditPage.alerts(openings, limit),
                limit)));
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

    /** An error before or outside a session: the application's own page in the configured language, nothing about the server. */
    private void plainError(HttpServletResponse resp, int status) throws IOException {
        Texts t = Texts.of(web.defaultLanguage());
        String key = status == 405 ? "error.405" : "error.404";
        write(resp, status, layout(t, null, t.get("error.title"), Html.of("<p class=\"error\" id=\"message\">{}</p><p><a href=\"/app/\">{}</a></p>",
                t.get(key), t.get("back"))));
    }

    private void error(HttpServletResponse resp, Session s, Texts t, int status, String message) throws IOException {
        page(resp, s, t, status, t.get("error.title"), Html.of("<p class=\"error\" id=\"message\">{}</p><p><a href=\"/app/\">{}</a></p>", message,
                t.get("back")));
    }

    private void page(HttpServletResponse resp, Session s, Texts t, int status, String title, Html body) throws IOException {
        write(resp, status, layout(t, s, title, body));
    }

    /** The path of the request being answered, for the navigation's {@code aria-current}. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Html layout(Texts t, Session s, String title, Html body) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("lang", t.language());
        m.put("title", title);
        m.put("appTitle", t.get("app.title"));
        m.put("tagline", t.get("app.tagline"));
        m.put("skip", t.get("skip"));
        m.put("body", body);
        if (s != null) {
            Map<String, Object> in = new java.util.HashMap<>();
            in.put("navLabel", t.get("nav.label"));
            in.put("nav", navigation(t, s.actor().role(), CURRENT.get()));
            in.put("who", s.actor().user() + " (" + roleLabel(t, s.actor().role()) + ", " + s.actor().tenant() + ")");
            in.put("csrf", s.csrf());
            in.put("langCode", t.get("language.other.code"));
            in.put("langText", t.get("language.other"));
            in.put("signout", t.get("signout"));
            in.put("idle", web.idleSeconds());
            in.put("sessionWarning", t.get("session.expiring"));
            in.put("sessionStay", t.get("session.stay"));
            m.put("signedIn", in);
        }
        return Templates.render("layout", m);
    }

    /** The pages the role may use, the one shown marked as current. */
    private static List<Map<String, Object>> navigation(Texts t, Role role, String current) {
        List<Map<String, Object>> links = new ArrayList<>();
        java.util.function.BiConsumer<String, String[]> add = (href, idAndKey) -> {
            String path = href.substring("/app".length());
            boolean here = current != null && (path.equals("/") ? current.equals("/") || current.startsWith("/family/")
                    : current.equals(path) || current.startsWith(path + "/"));
            Map<String, Object> link = new java.util.HashMap<>();
            link.put("href", href);
            link.put("id", idAndKey[0]);
            link.put("text", t.get(idAndKey[1]));
            link.put("current", here);
            links.add(link);
        };
        if (role.maySeeWorklist()) {
            add.accept("/app/", new String[] {"nav-list", "nav.list"});
        }
        if (role == Role.TEAM_LEAD) {
            add.accept("/app/overview", new String[] {"nav-overview", "nav.overview"});
        }
        if (role != Role.OUTREACH_WORKER && role != Role.DATA_PROTECTION_OFFICER) {
            add.accept("/app/statistics", new String[] {"nav-statistics", "nav.statistics"});
        }
        add.accept("/app/model", new String[] {"nav-model", "nav.model"});
        add.accept("/app/evidence", new String[] {"nav-evidence", "nav.evidence"});
        if (role == Role.ADMINISTRATOR || role == Role.DATA_PROTECTION_OFFICER || role == Role.AUDITOR) {
            add.accept("/app/models", new String[] {"nav-models", "nav.models"});
        }
        if (role == Role.ADMINISTRATOR) {
            add.accept("/app/deliveries", new String[] {"nav-deliveries", "nav.deliveries"});
            add.accept("/app/configuration", new String[] {"nav-configuration", "nav.configuration"});
        }
        add.accept("/app/inventory", new String[] {"nav-inventory", "nav.inventory"});
        if (role.mayProduceAccessReports()) {
            add.accept("/app/access", new String[] {"nav-access", "nav.access"});
        }
        if (role.mayReviewAccessReports()) {
            add.accept("/app/access/reviews", new String[] {"nav-reviews", "nav.reviews"});
        }
        if (role.mayReadAudit()) {
            add.accept("/app/audit", new String[] {"nav-audit", "nav.audit"});
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

    /** The letter's style sheet, inline for the PDF (which loads nothing). */
    private static String letterCss() throws IOException {
        try (InputStream in = WebApp.class.getResourceAsStream("letter.css")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void staticFile(HttpServletResponse resp, String name) throws IOException {
        resp.setHeader("Cache-Control", "max-age=3600");
        resp.setContentType(name.endsWith(".js") ? "text/javascript;charset=UTF-8" : "text/css;charset=UTF-8");
        try (InputStream in = WebApp.class.getResourceAsStream(name)) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
