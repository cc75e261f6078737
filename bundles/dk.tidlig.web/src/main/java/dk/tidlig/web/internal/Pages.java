// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dk.tidlig.core.access.Role;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every page of the application shares: the layout (header, navigation with the current page marked, the session's
 * warning), writing a page, the application's own error pages, redirects after a POST, and the static files.
 */
final class Pages {

    private final WebSupport web;

    Pages(WebSupport web) {
        this.web = web;
    }

    /** The path of the request being answered, for the navigation's {@code aria-current}. */
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    Html layout(Texts t, Session s, String title, Html body) {
        return layout(t, s, title, body, null);
    }

    private Html layout(Texts t, Session s, String title, Html body, String replace) {
        Map<String, Object> m = new java.util.HashMap<>();
        FormProblems.Shown problem = FormProblems.CURRENT.get();
        if (problem != null) {
            m.put("problem", Scope.row("title", t.get("form.problem"), "message", problem.message()));
        }
        m.put("replace", replace != null || problem == null ? replace : "/app" + problem.page());
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
            in.put("user", s.actor().user());
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

    static String roleLabel(Texts t, Role role) {
        return "en".equals(t.language()) ? role.englishLabel() : role.danishLabel();
    }

    static void write(HttpServletResponse resp, int status, Html page) throws IOException {
        // a form shown again because something in it is to be mended
        resp.setStatus(status == 200 && FormProblems.CURRENT.get() != null ? 400 : status);
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter w = resp.getWriter();
        w.write(page.toString());
        w.flush();
    }

    /** The letter's style sheet, inline for the PDF (which loads nothing). */
    static String letterCss() throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream("letter.css")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static void staticFile(HttpServletResponse resp, String name) throws IOException {
        resp.setHeader("Cache-Control", "max-age=3600");
        resp.setContentType(name.endsWith(".js") ? "text/javascript;charset=UTF-8" : "text/css;charset=UTF-8");
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            in.transferTo(resp.getOutputStream());
        }
    }

    /** Answers a POST with 303 See Other: the browser GETs the page, and Back or reload never sends the form again. */
    static void seeOther(HttpServletResponse resp, String location) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", location);
    }

    /**
     * An error before or outside a session, or one the server itself answers (an address it cannot read): the
     * application's own page, nothing about the server, in the user's language as far as it is known (see
     * {@link #language}).
     */
    void plainError(HttpServletRequest req, HttpServletResponse resp, int status) throws IOException {
        Texts t = Texts.of(language(req));
        String key = switch (status) {
            case 404 -> "error.404";
            case 405 -> "error.405";
            default -> status >= 500 ? "error.server" : "error.bad";
        };
        write(resp, status, layout(t, null, t.get("error.title"), Templates.render("message", new Scope(t).with("message", t.get(key)))));
    }

    /**
     * The language of a page shown before a session: the one this browser chose when it was last signed in (a cookie),
     * else the municipality's configured language (not the browser's: many of the staff's browsers are set to English).
     */
    String language(HttpServletRequest req) {
        String chosen = WebSupport.cookie(req, LANGUAGE_COOKIE);
        return "en".equals(chosen) || "da".equals(chosen) ? chosen : web.defaultLanguage();
    }

    /** The language this browser chose, remembered for the next sign-in (a preference, not personal data). */
    static final String LANGUAGE_COOKIE = "tidlig_lang";

    void error(HttpServletResponse resp, Session s, Texts t, int status, String message) throws IOException {
        page(resp, s, t, status, t.get("error.title"), Templates.render("message", new Scope(t).with("message", message)));
    }

    void page(HttpServletResponse resp, Session s, Texts t, int status, String title, Html body) throws IOException {
        write(resp, status, layout(t, s, title, body));
    }

    /**
     * Answers a POST whose result holds personal data (a quarantined line, a citizen's letter) with the result itself,
     * instead of a redirect: it is kept nowhere to be fetched again, neither in the server nor in the browser's cache. The
     * page replaces its own entry in the history with {@code replaceWith} (a GET), so that reload or Back shows that page
     * and never sends the form again.
     */
    void shownOnce(HttpServletResponse resp, Session s, Texts t, String title, Html body, String replaceWith) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        write(resp, 200, layout(t, s, title, body, replaceWith));
    }

    static int integer(HttpServletRequest req, String name) {
        try {
            return Integer.parseInt(req.getParameter(name));
        } catch (NumberFormatException e) {
            throw new CasePages.Invalid("error.number");
        }
    }
}
