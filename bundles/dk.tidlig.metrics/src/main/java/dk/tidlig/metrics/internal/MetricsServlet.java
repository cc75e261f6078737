// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.metrics.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: the meters in the Prometheus text format, for the scrape token ({@code Authorization: Bearer}) or
 * an administrator (HTTP Basic or a session, as the web bundle's security filter tells). Anonymous callers get 401, other
 * roles 403. Holds no personal data: counts per municipality and adapter, durations, the JVM.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=tidlig-metrics"})
@Designate(ocd = MetricsConfig.class)
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);
    /** A scrape token shorter than this is refused: it would be guessable. */
    static final int MIN_TOKEN = 32;

    private final transient PrometheusMetrics metrics;
    /** SHA-256 of the scrape token, or null when there is none. */
    private volatile byte[] token;

    @Activate
    public MetricsServlet(@Reference PrometheusMetrics metrics, MetricsConfig config) {
        this.metrics = metrics;
        modified(config);
    }

    @Modified
    void modified(MetricsConfig config) {
        String t = config._scrapeToken() == null ? "" : config._scrapeToken().strip();
        if (!t.isEmpty() && t.length() < MIN_TOKEN) {
            LOG.error("config/dk.tidlig.metrics.cfg: .scrapeToken must be at least {} characters; /metrics is served to administrators only",
                    MIN_TOKEN);
            t = "";
        }
        token = t.isEmpty() ? null : sha256(t);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String municipality = null;
        if (!bearerMatches(req.getHeader("Authorization"))) {
            Object who = req.getAttribute(Actor.REQUEST_ATTRIBUTE);
            if (!(who instanceof Actor a)) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"tidlig metrics\", Basic realm=\"tidlig\", charset=\"UTF-8\"");
                resp.sendError(401);
                return;
            }
            if (a.role() != Role.ADMINISTRATOR) {
                resp.sendError(403);
                return;
            }
            // a municipality's administrator sees its own municipality's meters (and the installation's); the scrape token all
            municipality = a.tenant();
        }
        String text = metrics.scrape();
        resp.setContentType(PrometheusMetrics.contentType());
        resp.getOutputStream().write((municipality == null ? text : PrometheusMetrics.forMunicipality(text, municipality)).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the header carries the scrape token, compared in constant time. */
    boolean bearerMatches(String header) {
        byte[] expected = token;
        if (expected == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(header.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
