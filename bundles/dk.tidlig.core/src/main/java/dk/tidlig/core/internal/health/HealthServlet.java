// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.health;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.internal.command.Deployed;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.SourceFreshness;
import dk.tidlig.store.Database;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} when the database and the Camel context are up, 503 otherwise. To an
 * administrator (signed in, or HTTP Basic) also whether the adapters' routes and the legal basis are in order, as JSON.
 * Holds no personal data.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/health",
        "osgi.http.whiteboard.servlet.name=tidlig-health"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Database database;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile CamelContext camel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LegalBasisGate gate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Operations operations;

    @Activate
    public HealthServlet(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        Object who = req.getAttribute(Actor.REQUEST_ATTRIBUTE);
        if (!(who instanceof Actor a && a.role() == Role.ADMINISTRATOR)) {
            // anonymous callers (a load balancer's probe) learn up or down, nothing about the installation
            boolean up = database != null && reachable(database) && camel != null && camel.isStarted();
            resp.setStatus(up ? 200 : 503);
            resp.getWriter().write("{\"status\":" + str(up ? "UP" : "DOWN") + "}");
            return;
        }
        boolean up = true;
        StringBuilder json = new StringBuilder("{");
        Database db = database;
        boolean dbUp = db != null && reachable(db);
        up &= dbUp;
        json.append("\"database\":{\"up\":").append(dbUp);
        if (db != null) {
            json.append(",\"schema\":").append(str(db.schemaVersion()));
        }
        json.append('}');
        CamelContext c = camel;
        json.append(",\"camel\":{\"up\":").append(c != null && c.isStarted()).append('}');
        up &= c != null && c.isStarted();
        json.append(",\"adapters\":[");
        List<SourceAdapter> adapters = Deployed.adapters(context);
        for (int i = 0; i < adapters.size(); i++) {
            String id = adapters.get(i).descriptor().id();
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(str(id)).append(",\"routes\":{");
            boolean first = true;
            if (c != null) {
                for (Route r : c.getRoutes()) {
                    if (r.getRouteId().startsWith(id + "-")) {
                        json.append(first ? "" : ",").append(str(r.getRouteId())).append(':')
                                .append(str(String.valueOf(c.getRouteController().getRouteStatus(r.getRouteId()))));
                        first = false;
                    }
                }
            }
            json.append("}}");
        }
        json.append("]");
        LegalBasisGate g = gate;
        Optional<LegalBasis> basis = g == null ? Optional.empty() : g.configured();
        json.append(",\"legalBasis\":");
        if (basis.isEmpty()) {
            json.append("{\"configured\":false,\"inForce\":false}");
        } else {
            LegalBasis b = basis.get();
            json.append("{\"configured\":true,\"id\":").append(str(b.id())).append(",\"inForce\":").append(b.inForceOn(LocalDate.now()))
                    .append(",\"syntheticDataOnly\":").append(b.syntheticOnly()).append('}');
        }
        sources(json, (Actor) who);
        json.append(",\"status\":").append(str(up ? "UP" : "DOWN")).append('}');
        resp.setStatus(up ? 200 : 503);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(json.toString());
    }

    /**
     * Each source of the administrator's municipality: how often it delivers, its last completed delivery, and whether it
     * is overdue; a warning per overdue source ("no delivery from Tandpleje (dental) for 8 days"). A late source is a
     * warning, not DOWN: tidlig itself is up.
     */
    private void sources(StringBuilder json, Actor admin) {
        Operations ops = operations;
        if (ops == null) {
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        List<SourceFreshness> sources;
        try {
            sources = ops.freshness(admin);
        } catch (RuntimeException e) {
            json.append(",\"sources\":null");
            return;
        }
        json.append(",\"sources\":[");
        List<String> warnings = new java.util.ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceFreshness f = sources.get(i);
            json.append(i == 0 ? "" : ",").append("{\"adapter\":").append(str(f.adapterId()))
                    .append(",\"interval\":").append(f.interval() == null ? "null" : str(f.intervalText()))
                    .append(",\"lastDelivery\":").append(f.lastCompleted() == null ? "null" : str(f.lastCompleted().toString()))
                    .append(",\"overdue\":").append(f.overdue(now)).append('}');
            if (f.overdue(now)) {
                warnings.add(f.lastCompleted() == null
                        ? "no delivery from " + f.sourceSystem() + " (" + f.adapterId() + ") since it was deployed; it delivers every " + f.intervalText()
                        : "no delivery from " + f.sourceSystem() + " (" + f.adapterId() + ") for " + java.time.Duration.between(f.lastCompleted(), now).toDays()
                                + " days; it delivers every " + f.intervalText());
            }
        }
        json.append("],\"warnings\":[");
        for (int i = 0; i < warnings.size(); i++) {
            json.append(i == 0 ? "" : ",").append(str(warnings.get(i)));
        }
        json.append(']');
    }

    /** Whether the database answers now, not merely whether it answered at start. */
    private static boolean reachable(Database db) {
        try (Connection c = db.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
