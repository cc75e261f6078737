// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.Actor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Before every request tidlig serves, whichever bundle's servlet answers it (the application, the API, {@code /health}
 * and the 404 of an unknown path): the security headers, HSTS among them. For {@code /health} and {@code /metrics} it also
 * tells the servlet who asks ({@link Actor#REQUEST_ATTRIBUTE}), by session or HTTP Basic, so that only administrators see
 * the details.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=tidlig-security"})
public class SecurityFilter implements Filter {

    private final WebSupport web;

    @Activate
    public SecurityFilter(@Reference WebSupport web) {
        this.web = web;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        WebSupport.securityHeaders((HttpServletResponse) response);
        if ("/health".equals(req.getServletPath()) || "/health".equals(req.getRequestURI()) || "/metrics".equals(req.getServletPath())
                || "/metrics".equals(req.getRequestURI())) {
            try {
                web.actor(req).ifPresent(a -> req.setAttribute(Actor.REQUEST_ATTRIBUTE, a));
            } catch (RuntimeException e) {
                // the sessions are in the database: when it is down the caller is anonymous, and /health says DOWN
            }
        }
        chain.doFilter(request, response);
    }
}
