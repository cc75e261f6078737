// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import dk.tidlig.model.CprNumbers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A form sent with something to mend is shown again (400) on its own page, with what is wrong said at the top of the page
 * and tied to its field ({@code aria-invalid}, {@code aria-describedby="problem"}), and what was typed in it back in
 * place, except anything that looks like a CPR number. Templates mark a field with
 * {@code {{#invalid_note}} aria-invalid="true" aria-describedby="problem"{{/invalid_note}}} and refill it with
 * {@code {{posted_reference}}} (see {@link Scope}).
 */
final class FormProblems {

    /**
     * What is wrong with the form being shown again, while its page is made.
     *
     * @param page the form's page (below /app): the history entry becomes it, so that Back and reload never send the form
     */
    record Shown(String field, String message, Map<String, String> posted, String page) {
    }

    static final ThreadLocal<Shown> CURRENT = new ThreadLocal<>();

    /**
     * The outermost scope of every template ({@link Templates}): {@code {{#invalid_note}}…{{/invalid_note}}} is shown when
     * the form is shown again because of that field, and {@code {{posted_reference}}} is what was typed in it.
     */
    static final Map<String, Object> FIELDS = new java.util.AbstractMap<>() {
        private static final String INVALID = "invalid_";
        private static final String POSTED = "posted_";

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && (s.startsWith(INVALID) || s.startsWith(POSTED));
        }

        @Override
        public Object get(Object key) {
            if (!containsKey(key)) {
                return null;
            }
            String name = (String) key;
            Shown problem = CURRENT.get();
            if (name.startsWith(INVALID)) {
                return problem != null && problem.field().equals(name.substring(INVALID.length()));
            }
            return problem == null ? null : problem.posted().get(name.substring(POSTED.length()));
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return Set.of();
        }
    };

    /** The fields whose text is put back when the form is shown again; never a CPR number, a note or a password. */
    private static final Set<String> REFILLED = Set.of("reference", "justification", "reason", "by", "line", "model");

    private static final Map<String, String> FIELD_OF_TEXT = Map.ofEntries(Map.entry("worklist.assign.unknown", "assignTo"),
            Map.entry("dispute.reason.missing", "reason"), Map.entry("decline.reason.missing", "reason"),
            Map.entry("case.contact.date.missing", "contactDate"), Map.entry("case.contact.channel.missing", "channel"),
            Map.entry("case.purpose.missing", "purpose"), Map.entry("ops.resolve.by.missing", "by"), Map.entry("access.check.missing", "identityCheck"));

    private static final Pattern DECISION = Pattern.compile("/models/\\d{1,18}/(approve|refuse|withdraw)");
    private static final Pattern DELIVERY_FORM = Pattern.compile("/deliveries/(\\d{1,18})/(open|resolve)");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private FormProblems() {
    }

    /** The field a problem is about, or null when it is about none that the user can mend. */
    static String field(RuntimeException e) {
        if (e instanceof CasePages.Invalid invalid) {
            return FIELD_OF_TEXT.get(invalid.key);
        }
        if (!(e instanceof InvalidRequestException problem)) {
            return null;
        }
        return field(problem.problem());
    }

    static String field(Problem p) {
        return switch (p) {
            case PURPOSE_MISSING -> "purpose";
            case ASSIGNEE_MALFORMED, ASSIGNEE_NOT_A_WORKER -> "assignTo";
            case CONTACT_INCOMPLETE, CONTACT_DAY -> "contactDate";
            case NOTE_TOO_LONG, NOTE_HOLDS_CPR -> "note";
            case DECLINE_REASON_MISSING, DISPUTE_REASON_MISSING, REFUSAL_REASON_INVALID, READING_REASON_INVALID -> "reason";
            case IDENTITY_CHECK_MISSING -> "identityCheck";
            case REFERENCE_FORMAT, REFERENCE_OTHER_PERSON -> "reference";
            case CPR_INVALID -> "cpr";
            case MINIMUM_MISSED, JUSTIFICATION_INVALID -> "justification";
            case CORRECTION_OTHER_ADAPTER, CORRECTION_NOT_LATER, CORRECTION_NOT_COMPLETED, CORRECTION_QUARANTINED, NO_SUCH_DELIVERY -> "by";
            default -> null;
        };
    }

    /**
     * The page (address below /app, with its query) that holds the form posted to {@code path}, or null when there is none
     * to show again. Also where a form sent after the sign-in ended returns to.
     */
    static String formPage(String path, HttpServletRequest req) {
        Matcher family = CasePages.FAMILY.matcher(path);
        if (family.matches()) {
            String id = family.group(1);
            String action = family.group(2) == null ? "" : family.group(2);
            return switch (action) {
                case "/assign" -> "/";
                case "/decline" -> digits(req, "version") ? "/family/" + id + "/decline?version=" + req.getParameter("version") : "/family/" + id;
                case "/dispute" -> digits(req, "row") && digits(req, "run")
                        ? "/family/" + id + "/dispute?row=" + req.getParameter("row") + "&run=" + req.getParameter("run") : "/family/" + id;
                default -> "/family/" + id;
            };
        }
        if (path.equals("/access")) {
            return "/access";
        }
        if (path.equals("/models/request") || DECISION.matcher(path).matches()) {
            return "/models";
        }
        Matcher delivery = DELIVERY_FORM.matcher(path);
        return delivery.matches() ? "/deliveries/" + delivery.group(1) : null;
    }

    private static boolean digits(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v != null && DIGITS.matcher(v).matches();
    }

    /** What was typed in the fields that are put back, leaving out anything that looks like a CPR number. */
    static Map<String, String> posted(HttpServletRequest req) {
        Map<String, String> posted = new LinkedHashMap<>();
        for (String name : REFILLED) {
            String v = req.getParameter(name);
            if (v != null && v.length() <= 2_000 && !CprNumbers.containsCprLike(v)) {
                posted.put(name, v);
            }
        }
        return posted;
    }

    /** The form's page requested as a GET of {@code address} (path and query below /app), for showing it again. */
    static HttpServletRequest asGet(HttpServletRequest req, String address) {
        int q = address.indexOf('?');
        Map<String, String[]> parameters = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : address.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.put(name, new String[] {value});
            }
        }
        String query = q < 0 ? null : address.substring(q + 1);
        return new HttpServletRequestWrapper(req) {
            @Override
            public String getMethod() {
                return "GET";
            }

            @Override
            public String getQueryString() {
                return query;
            }

            @Override
            public String getParameter(String name) {
                String[] v = parameters.get(name);
                return v == null ? null : v[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return Collections.unmodifiableMap(parameters);
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(parameters.keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                String[] v = parameters.get(name);
                return v == null ? null : v.clone();
            }
        };
    }
}
