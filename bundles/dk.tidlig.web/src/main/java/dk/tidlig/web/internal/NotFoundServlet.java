// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every path no other servlet serves: the site's root leads to the application, anything else is the application's own
 * "not found" page in the configured language, through the security filter like every other response, and saying nothing
 * about the server.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=tidlig-not-found"})
public class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient WebSupport web;

    @Activate
    public NotFoundServlet(@Reference WebSupport web) {
        this.web = web;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebSupport.securityHeaders(resp);
        String path = req.getRequestURI();
        if (("/".equals(path) || "".equals(path)) && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            resp.sendRedirect("/app/");
            return;
        }
        Texts t = Texts.of(web.defaultLanguage());
        Map<String, Object> m = new HashMap<>();
        m.put("lang", t.language());
        m.put("title", t.get("error.title"));
        m.put("appTitle", t.get("app.title"));
        m.put("tagline", t.get("app.tagline"));
        m.put("skip", t.get("skip"));
        m.put("body", Html.of("<p class=\"error\" id=\"message\">{}</p><p><a href=\"/app/\">{}</a></p>", t.get("error.404"), t.get("back")));
        resp.setStatus(404);
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(Templates.render("layout", m).toString());
    }
}
