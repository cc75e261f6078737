// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;

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
 * about the server. It is also the error page (4xx, 5xx) of what the server answers by itself.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx",
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
        // an error the server answers by itself (an address it cannot read, a request too large) comes here as its error page
        if (req.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            resp.setHeader("Cache-Control", "no-store");
            new Pages(web).plainError(req, resp, status);
            return;
        }
        String path = req.getRequestURI();
        if (("/".equals(path) || "".equals(path)) && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            resp.sendRedirect("/app/");
            return;
        }
        new Pages(web).plainError(req, resp, 404);
    }
}
