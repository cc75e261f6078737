// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.access.Actor;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signing in and out: the local sign-in form, the municipality's OpenID Connect provider, KOMBIT's Context Handler (SAML,
 * with single logout), the way back to the page the user came from, and the language a browser chose.
 */
final class SignInPages {

    private static final Logger LOG = LoggerFactory.getLogger(SignInPages.class);

    private final WebSupport web;
    private final Pages pages;
    private final Supplier<OidcSignIn> oidcs;
    private final Supplier<SamlSignIn> samls;

    SignInPages(WebSupport web, Pages pages, Supplier<OidcSignIn> oidc, Supplier<SamlSignIn> saml) {
        this.web = web;
        this.pages = pages;
        this.oidcs = oidc;
        this.samls = saml;
    }

    /** Signs out here, and through KOMBIT's Context Handler too when signed in there (single logout). */
    void signOut(Session s, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        web.close(s, req, resp);
        SamlSignIn k = samls.get();
        String samlSession = WebSupport.cookie(req, SAML_SESSION_COOKIE);
        if (samlSession != null) {
            resp.addHeader("Set-Cookie", SAML_SESSION_COOKIE + "=; Path=/app; HttpOnly; SameSite=Lax; Max-Age=0" + (web.secure(req) ? "; Secure" : ""));
        }
        resp.sendRedirect(k == null ? "/app/login" : k.logout(samlSession, s.actor().user()).orElse("/app/login"));
    }

    /** The session's language, remembered in this browser for the next sign-in (a preference, not personal data). */
    void chooseLanguage(Session s, HttpServletRequest req, HttpServletResponse resp) {
        String lang = "en".equals(req.getParameter("lang")) ? "en" : "da";
        web.language(s, lang);
        resp.addHeader("Set-Cookie", LANGUAGE_COOKIE + "=" + lang + "; Path=/app; Max-Age=31536000; SameSite=Lax" + (web.secure(req) ? "; Secure" : ""));
        Pages.seeOther(resp, "/app/");
    }

    private static final String LOGIN_COOKIE = "tidlig_login";

    private static final String LANGUAGE_COOKIE = Pages.LANGUAGE_COOKIE;

    private static final String OIDC_COOKIE = "tidlig_oidc";

    /** The page to return to after a single sign-on (see {@link #rememberReturn}). */
    private static final String RETURN_COOKIE = "tidlig_return";

    /** A started SAML sign-in: the sealed id of the AuthnRequest the Context Handler's response must answer. */
    private static final String SAML_COOKIE = "tidlig_saml";

    /** A SAML session: the sealed NameID and session index, for single logout. */
    private static final String SAML_SESSION_COOKIE = "tidlig_saml_session";

    void loginPage(HttpServletRequest req, HttpServletResponse resp, String message, int status) throws IOException {
        Texts t = Texts.of(language(req));
        String token = Sessions.token();
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/app/login; HttpOnly; SameSite=Strict" + (web.secure(req) ? "; Secure" : ""));
        String back = returnPath(req.getParameter("return"));
        Html body = Templates.render("login", new Scope(t).with("message", message).with("csrf", token).with("returnPath", back)
                .with("returnQuery", back.equals("/app/") ? "" : "?return=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8))
                .with("oidc", oidcs.get() == null ? null : oidcs.get().label()).with("saml", samls.get() == null ? null : samls.get().label()));
        Pages.write(resp, status, pages.layout(t, null, t.get("signin.title"), body));
    }

    void signIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
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
                Pages.seeOther(resp, returnPath(req.getParameter("return")));
            }
            case LIMITED -> loginPage(req, resp, t.get("signin.limited"), 429);
            default -> loginPage(req, resp, t.get("signin.failed"), 401);
        }
    }

    /** Where to go after signing in: a page of the application named by the sign-in form, else the start page. */
    static String returnPath(String asked) {
        return asked != null && asked.matches("/app/[A-Za-z0-9/_.-]{0,200}(\\?[A-Za-z0-9=&%._+-]{0,300})?") && !asked.contains("//")
                && !asked.contains("..") ? asked : "/app/";
    }

    /** Before sign-in: the configured language (Danish unless configured otherwise); each user can switch after. */
    void oidcStart(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OidcSignIn o = oidcs.get();
        if (o == null) {
            pages.plainError(req, resp, 404);
            return;
        }
        try {
            OidcSignIn.Start start = o.start();
            // Lax, not Strict: the provider's redirect back is a navigation from another site
            resp.addHeader("Set-Cookie", OIDC_COOKIE + "=" + start.cookie() + "; Path=/app/oidc; HttpOnly; SameSite=Lax; Max-Age=600"
                    + (web.secure(req) ? "; Secure" : ""));
            rememberReturn(req, resp, "; SameSite=Lax" + (web.secure(req) ? "; Secure" : ""));
            resp.sendRedirect(start.location());
        } catch (OidcSignIn.Refused e) {
            LOG.warn("OpenID Connect sign-in could not start: {}", e.getMessage());
            loginPage(req, resp, Texts.of(language(req)).get("signin.sso.failed"), 503);
        }
    }

    void oidcCallback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OidcSignIn o = oidcs.get();
        if (o == null) {
            pages.plainError(req, resp, 404);
            return;
        }
        Texts t = Texts.of(language(req));
        resp.addHeader("Set-Cookie", OIDC_COOKIE + "=; Path=/app/oidc; HttpOnly; SameSite=Lax; Max-Age=0");
        try {
            Actor actor = o.complete(req.getParameter("state"), WebSupport.cookie(req, OIDC_COOKIE), req.getParameter("code"), req.getParameter("error"));
            web.open(actor, null, t.language(), resp, req);
            // a page, not a redirect: the session cookie is SameSite=Strict and this request came from the provider's site
            continuePage(req, resp, t, "; SameSite=Lax");
        } catch (OidcSignIn.Refused e) {
            LOG.warn("OpenID Connect sign-in refused: {}", e.getMessage());
            loginPage(req, resp, t.get("signin.sso.failed"), 401);
        }
    }

    /**
     * KOMBIT's Context Handler (SAML): the service provider's metadata, the start of a sign-in, the assertion consumer
     * (HTTP-POST from the Context Handler) and single logout (HTTP-Redirect both ways).
     */
    void saml(String path, boolean post, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SamlSignIn k = samls.get();
        if (k == null) {
            pages.plainError(req, resp, 404);
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
                    rememberReturn(req, resp, secure ? "; SameSite=None; Secure" : "; SameSite=Lax");
                    resp.sendRedirect(start.location());
                }
                case "/saml/acs" -> {
                    if (!post) {
                        pages.plainError(req, resp, 405);
                        return;
                    }
                    resp.addHeader("Set-Cookie", SAML_COOKIE + "=; Path=/app/saml; HttpOnly; Max-Age=0" + (secure ? "; SameSite=None; Secure" : "; SameSite=Lax"));
                    SamlSignIn.SignedIn in = k.complete(req.getParameter("SAMLResponse"), WebSupport.cookie(req, SAML_COOKIE));
                    web.open(in.actor(), null, t.language(), resp, req);
                    resp.addHeader("Set-Cookie", SAML_SESSION_COOKIE + "=" + in.sessionCookie() + "; Path=/app; HttpOnly; SameSite=Lax"
                            + (secure ? "; Secure" : ""));
                    // a page, not a redirect: the session cookie is SameSite=Strict and this request came from the Context Handler's site
                    continuePage(req, resp, t, secure ? "; SameSite=None; Secure" : "; SameSite=Lax");
                }
                case "/saml/slo" -> {
                    if (post) {
                        pages.plainError(req, resp, 405);
                        return;
                    }
                    Map<String, List<String>> parameters = new java.util.HashMap<>();
                    req.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
                    resp.sendRedirect(k.singleLogout(req.getQueryString(), parameters));
                }
                default -> pages.plainError(req, resp, 404);
            }
        } catch (SamlSignIn.Refused e) {
            LOG.warn("KOMBIT (SAML) sign-in or logout refused: {}", e.getMessage());
            loginPage(req, resp, t.get("signin.sso.failed"), 401);
        }
    }

    /**
     * Keeps the page to return to across a single sign-on (the provider's round trip carries nothing of ours but its state):
     * in a short-lived cookie, checked again when it is read.
     */
    private static void rememberReturn(HttpServletRequest req, HttpServletResponse resp, String attributes) {
        String back = returnPath(req.getParameter("return"));
        if (!back.equals("/app/")) {
            resp.addHeader("Set-Cookie", RETURN_COOKIE + "=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    back.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "; Path=/app; HttpOnly; Max-Age=600" + attributes);
        }
    }

    /**
     * After a single sign-on: a page, not a redirect (the session cookie is SameSite=Strict and this request came from the
     * provider's site), that goes on to the page the user asked for before signing in.
     */
    private void continuePage(HttpServletRequest req, HttpServletResponse resp, Texts t, String attributes) throws IOException {
        String remembered = WebSupport.cookie(req, RETURN_COOKIE);
        String next = "/app/";
        if (remembered != null) {
            try {
                next = returnPath(new String(java.util.Base64.getUrlDecoder().decode(remembered), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                next = "/app/";
            }
            resp.addHeader("Set-Cookie", RETURN_COOKIE + "=; Path=/app; HttpOnly; Max-Age=0" + attributes);
        }
        Pages.write(resp, 200, Templates.render("continue", new Scope(t).with("lang", t.language()).with("next", next)));
    }

    /** Before sign-in: the language this browser chose last, else the configured one. */
    String language(HttpServletRequest req) {
        return pages.language(req);
    }
}
