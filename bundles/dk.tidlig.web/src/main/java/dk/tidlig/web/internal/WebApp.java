// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.time.Instant;
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

    private final transient WebSupport web;
    private final transient Outreach outreach;
    private final transient AuditTrail audit;
    private final transient Transparency transparency;
    private final transient EvidenceService evidence;
    private final transient ModelActivation activation;
    private final transient Operations operations;
    private final transient dk.tidlig.evidence.Documents documents;
    private final transient dk.tidlig.core.transparency.Statistics statistics;
    private final transient Pages pages;
    private final transient SignInPages signIn;
    private final transient CasePages cases;

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
        this.pages = new Pages(web);
        this.signIn = new SignInPages(web, pages, () -> oidc, () -> saml);
        this.cases = new CasePages(web, pages, outreach);
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
            pages.plainError(resp, 405);
            return;
        }
        if (path.equals("/static/tidlig.css") || path.equals("/static/tidlig.js") || path.equals("/static/letter.css")) {
            Pages.staticFile(resp, path.substring("/static/".length()));
            return;
        }
        if (path.equals("/oidc/login") && !post) {
            signIn.oidcStart(req, resp);
            return;
        }
        if (path.equals("/oidc/callback") && !post) {
            signIn.oidcCallback(req, resp);
            return;
        }
        if (path.startsWith("/saml/")) {
            signIn.saml(path, post, req, resp);
            return;
        }
        if (path.equals("/login")) {
            if (post) {
                signIn.signIn(req, resp);
            } else {
                signIn.loginPage(req, resp, null, HttpServletResponse.SC_OK);
            }
            return;
        }
        Optional<Session> session = web.session(req);
        if (session.isEmpty()) {
            // back to this page after signing in; a form sent after the session ended goes back to the page it was on (its
            // content is kept by the page's script and put back there)
            String here = post ? CasePages.formPage(path) : "/app" + path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            String back = here == null || here.equals("/app/") || !SignInPages.returnPath(here).equals(here) ? ""
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
            pages.error(resp, s, t, 403, t.get("error.403"));
            return;
        }
        Pages.CURRENT.set(path);
        try {
            route(path, post, req, resp, s, t);
        } catch (AccessDeniedException e) {
            pages.error(resp, s, t, 403, t.get("error.403"));
        } catch (NotFoundException e) {
            pages.error(resp, s, t, 404, t.get("error.404"));
        } catch (ConflictException e) {
            pages.error(resp, s, t, 409, t.get("error.409"));
        } catch (CasePages.Invalid e) {
            pages.error(resp, s, t, 400, t.get(e.key));
        } catch (IllegalArgumentException e) {
            pages.error(resp, s, t, 400, t.get("error.400", e.getMessage()));
        } catch (LegalBasisException e) {
            pages.error(resp, s, t, 403, t.get("error.legal", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), loggable(path), e);
            pages.error(resp, s, t, 500, t.get("error.title"));
        } finally {
            Pages.CURRENT.remove();
        }
    }

    /** The evaluations, a report (HTML or PDF), or the reports' style sheet. */
    private void evidencePage(String path, HttpServletResponse resp, Session s, Texts t) throws IOException {
        String tenant = s.actor().tenant();
        if (path.equals("/evidence") || path.equals("/evidence/")) {
            pages.page(resp, s, t, 200, t.get("evidence.title"), EvidencePages.evaluations(t, evidence.evaluations(tenant, 100)));
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
        pages.page(resp, s, t, 200, t.get("models.title"), Html.of("{}{}", notice == null ? Html.EMPTY : Html.of("<p class=\"notice\" id=\"decided\">{}</p>",
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
            try {
                outreach.leave(actor, null);
            } finally {
                signIn.signOut(s, req, resp);
            }
            return;
        }
        if (path.equals("/language") && post) {
            signIn.chooseLanguage(s, req, resp);
            return;
        }
        if (path.equals("/") && !post) {
            switch (actor.role()) {
                case AUDITOR -> auditPage(req, resp, s, t, false);
                case DATA_PROTECTION_OFFICER -> resp.sendRedirect("/app/access");
                case ADMINISTRATOR -> adminPage(resp, s, t);
                default -> cases.worklist(req, resp, s, t);
            }
            return;
        }
        if (path.equals("/overview") && !post) {
            pages.page(resp, s, t, 200, t.get("overview.title"), Templates.render("overview", Overviews.overview(t, outreach.overview(actor))));
            return;
        }
        if (path.equals("/statistics") && !post) {
            if (actor.role() == Role.OUTREACH_WORKER) {
                audit.record(actor, Action.ACCESS_REFUSED, "", "statistics refused for role " + actor.role());
                throw new AccessDeniedException("statistics are for analysts, team leads, auditors and administrators");
            }
            ModelCard card = transparency.modelCard(actor.tenant());
            pages.page(resp, s, t, 200, t.get("statistics.title"), Templates.render("statistics", Overviews.statistics(t, statistics.distribution(actor),
                    figuresOf(actor, card))));
            return;
        }
        if (path.equals("/declined") && !post) {
            cases.declinedPage(req, resp, s, t);
            return;
        }
        if ((path.equals("/audit") || path.equals("/audit/export.csv")) && !post) {
            auditPage(req, resp, s, t, path.endsWith(".csv"));
            return;
        }
        if (path.equals("/model") && !post) {
            ModelCard card = transparency.modelCard(actor.tenant());
            Optional<EvidenceService.Stored> figures = figuresOf(actor, card);
            pages.page(resp, s, t, 200, t.get("model.title", card.id(), card.version()), Html.of("{}{}{}<h2>{}</h2>{}", TransparencyPages.modelCard(t, card),
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
            pages.page(resp, s, t, 200, t.get("config.title"), OperationsPages.configuration(t, operations.adapters(actor), operations.configurations(actor)));
            return;
        }
        if (path.equals("/deliveries") || path.startsWith("/deliveries/")) {
            deliveriesPage(path, post, req, resp, s, t);
            return;
        }
        if (path.equals("/inventory") && !post) {
            pages.page(resp, s, t, 200, t.get("inventory.title"), TransparencyPages.inventory(t, transparency.dataInventory()));
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
                    letter.put("css", Pages.letterCss());
                    byte[] pdf = documents.pdf(Templates.render("access-letter", letter).toString());
                    resp.setContentType("application/pdf");
                    resp.setHeader("Content-Disposition", "attachment; filename=\"indsigt-" + report.reference().replaceAll("[^A-Za-z0-9-]", "_") + ".pdf\"");
                    resp.getOutputStream().write(pdf);
                } else {
                    letter.put("screen", true);
                    letter.put("back", t.get("back"));
                    letter.put("print", t.get("access.print"));
                    Pages.write(resp, 200, Templates.render("access-letter", letter));
                }
            } else {
                pages.page(resp, s, t, 200, t.get("access.title"), TransparencyPages.accessForm(t, s.csrf()));
            }
            return;
        }
        if (path.equals("/access/reviews")) {
            String notice = null;
            if (post) {
                transparency.review(actor, req.getParameter("reference"));
                notice = t.get("access.review.done", req.getParameter("reference"));
            }
            pages.page(resp, s, t, 200, t.get("access.review.title"), Html.of("{}{}", notice == null ? Html.EMPTY
                    : Html.of("<p class=\"notice\" id=\"reviewed\">{}</p>", notice), TransparencyPages.reviews(t, s.csrf(), transparency.pendingReviews(actor))));
            return;
        }
        cases.route(path, post, req, resp, s, t);
    }



    private static Transparency.IdentityCheck identityCheck(String name) {
        try {
            return Transparency.IdentityCheck.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("state how the requester's identity was checked");
        }
    }




    // --- sign-in ---------------------------------------------------------------------------------------










    // --- pages -----------------------------------------------------------------------------------------











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
        pages.page(resp, s, t, 200, t.get("audit.title"), Templates.render("audit", AuditPage.model(t, f, entries, more, v, AuditPage.alerts(openings, limit),
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
            pages.page(resp, s, t, 200, t.get("ops.title"), OperationsPages.deliveries(t, operations.freshness(actor), deliveries, adapter, now));
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
            pages.page(resp, s, t, 200, t.get("ops.delivery.title", String.valueOf(id)),
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
            pages.page(resp, s, t, 200, t.get("ops.content.title"), OperationsPages.content(t, d, q, content));
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
        pages.page(resp, s, t, 200, t.get("admin.title"), Html.of("""
                {}<p class="note">{}</p><p><a href="/app/deliveries" id="deliveries">{}</a> · <a href="/health">{}</a></p>
                <h2>{}</h2>{}
                <h2>{}</h2><table id="users"><tbody>{}</tbody></table><p class="note">{}</p>""",
                OperationsPages.overdue(t, operations.freshness(s.actor()), Instant.now()), t.get("admin.note"), t.get("admin.deliveries"), t.get("admin.health"),
                t.get("inventory.title"), TransparencyPages.inventory(t, transparency.dataInventory()), t.get("admin.users"), users, t.get("admin.manage")));
    }










}
