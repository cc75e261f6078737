// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.transparency.Statistics;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.evidence.Documents;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The caseworkers' web application under {@code /app}: what every request shares (security headers, the session, CSRF,
 * the application's own error pages), then each area's pages: sign-in ({@link SignInPages}), the worklist and the case
 * ({@link CasePages}), the evidence and the model card ({@link EvidencePages}), the operator's console
 * ({@link OperationsPages}), the inventory and the citizen's access report ({@link TransparencyPages}) and the audit trail
 * ({@link AuditPage}). Danish by default, English available.
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
    private final transient Pages pages;
    private final transient SignInPages signIn;
    private final transient CasePages cases;
    private final transient AuditPage auditPage;
    private final transient EvidencePages evidencePages;
    private final transient OperationsPages operationsPages;
    private final transient TransparencyPages transparencyPages;

    /** Sign-in with the municipality's SSO, when configured (config/dk.tidlig.web.oidc.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OidcSignIn oidc;

    /** Sign-in through KOMBIT's Context Handler, when configured (config/dk.tidlig.web.saml.cfg). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SamlSignIn saml;

    @Activate
    public WebApp(@Reference WebSupport web, @Reference Outreach outreach, @Reference AuditTrail audit, @Reference Transparency transparency,
            @Reference EvidenceService evidence, @Reference ModelActivation activation, @Reference Operations operations,
            @Reference Documents documents, @Reference Statistics statistics) {
        this.web = web;
        this.outreach = outreach;
        this.pages = new Pages(web);
        this.signIn = new SignInPages(web, pages, () -> oidc, () -> saml);
        this.cases = new CasePages(web, pages, outreach, audit);
        this.auditPage = new AuditPage(web, pages, audit);
        this.evidencePages = new EvidencePages(pages, evidence, activation, transparency, statistics, audit);
        this.operationsPages = new OperationsPages(web, pages, operations, transparency);
        this.transparencyPages = new TransparencyPages(pages, transparency, documents, audit);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebSupport.securityHeaders(resp);
        req.setCharacterEncoding("UTF-8");
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        boolean post = "POST".equals(req.getMethod());
        if (!post && !"GET".equals(req.getMethod())) {
            pages.plainError(req, resp, 405);
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
            String form = post ? FormProblems.formPage(path, req) : null;
            String here = post ? (form == null ? null : "/app" + form) : "/app" + path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
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
            showAgainOrError(path, post, req, resp, s, t, e, t.get(e.key));
        } catch (InvalidRequestException e) {
            showAgainOrError(path, post, req, resp, s, t, e, t.problem(e));
        } catch (IllegalArgumentException e) {
            pages.error(resp, s, t, 400, t.get("error.400", e.getMessage()));
        } catch (LegalBasisException e) {
            // in the user's language; the English message (which names the file to fix) is for the log and the operator
            LOG.warn("{} {}: {}", req.getMethod(), loggable(path), e.getMessage());
            pages.error(resp, s, t, 403, t.get("error.legal." + e.reason().name(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), loggable(path), e);
            pages.error(resp, s, t, 500, t.get("error.title"));
        } finally {
            Pages.CURRENT.remove();
        }
    }

    /**
     * A form sent with something the user can mend is shown again on its page (400), what is wrong tied to its field and
     * what was typed put back ({@link FormProblems}); anything else, or a page that cannot be shown, is the error page.
     */
    private void showAgainOrError(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t,
            RuntimeException problem, String message) throws IOException {
        String field = FormProblems.field(problem);
        String form = post && field != null ? FormProblems.formPage(path, req) : null;
        if (form == null) {
            pages.error(resp, s, t, 400, message);
            return;
        }
        FormProblems.CURRENT.set(new FormProblems.Shown(field, message, FormProblems.posted(req), form));
        try {
            String formPath = form.contains("?") ? form.substring(0, form.indexOf('?')) : form;
            Pages.CURRENT.set(formPath);
            route(formPath, false, FormProblems.asGet(req, form), resp, s, t);
        } catch (RuntimeException | LegalBasisException e) {
            // the page itself cannot be shown now (the working session ended meanwhile, the case moved on): say what was wrong;
            // anything else is a fault of the page, and the log says which
            if (!(e instanceof dk.tidlig.core.outreach.NotFoundException) && !(e instanceof AccessDeniedException)
                    && !(e instanceof ConflictException) && !(e instanceof IllegalArgumentException)) {
                LOG.warn("{} {}: the form's page {} could not be shown again", req.getMethod(), loggable(path), loggable(form), e);
            }
            if (!resp.isCommitted()) {
                resp.resetBuffer(); // the security headers stay
                FormProblems.CURRENT.remove();
                pages.error(resp, s, t, 400, message);
            }
        } finally {
            FormProblems.CURRENT.remove();
        }
    }

    /** A path as it may be logged: a family id in it would outlive the family's decline in the log. */
    static String loggable(String path) {
        return path.replaceAll("F-[B-Z]{5}-[B-Z]{5}", "F-*****-*****");
    }

    /** Each area's pages in turn; the outreach staff's family pages answer what no other area does. */
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
                case AUDITOR -> auditPage.show(req, resp, s, t, false);
                case DATA_PROTECTION_OFFICER -> resp.sendRedirect("/app/access");
                case ADMINISTRATOR -> operationsPages.adminPage(resp, s, t);
                default -> cases.worklist(req, resp, s, t);
            }
            return;
        }
        if (path.equals("/overview") && !post) {
            pages.page(resp, s, t, 200, t.get("overview.title"), Templates.render("overview", Overviews.overview(t, outreach.overview(actor))));
            return;
        }
        if (path.equals("/declined") && !post) {
            cases.declinedPage(req, resp, s, t);
            return;
        }
        if ((path.equals("/audit") || path.equals("/audit/export.csv")) && !post) {
            auditPage.show(req, resp, s, t, path.endsWith(".csv"));
            return;
        }
        if (evidencePages.route(path, post, req, resp, s, t) || operationsPages.route(path, post, req, resp, s, t)
                || transparencyPages.route(path, post, req, resp, s, t)) {
            return;
        }
        cases.route(path, post, req, resp, s, t);
    }
}
