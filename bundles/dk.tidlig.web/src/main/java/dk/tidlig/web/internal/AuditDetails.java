// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.core.access.Role;

/**
 * An audit entry's detail in the user's words, for the auditors' page. The trail keeps what was written (in English, with
 * codes: it is hash-chained and never rewritten), and the CSV export and the API give it so; the page says the entries of
 * the outreach work, the sign-ins and the refusals in the user's language, the codes as words. A detail of another form
 * (the operator's deliveries, configuration and evaluations) is shown as written, its codes as words.
 */
final class AuditDetails {

    private static final Pattern STATE_CHANGE = Pattern.compile(
            "([A-Z_]+) -> ([A-Z_]+)(?: \\(([^)]*)\\))?(?:; contact by ([A-Z_]+)(, with a note)?)?(, with the household)?");
    private static final Pattern REIDENTIFY = Pattern.compile("purpose: ([A-Z_]+); (\\d+) persons");
    private static final Pattern EXPLANATION = Pattern.compile("score (\\d+), (\\d+) contributions");
    private static final Pattern LIST = Pattern.compile("(\\d+) households, (\\d+) children");
    private static final Pattern DECLINE = Pattern.compile("(?:a family declined|a household of (\\d+) children declined) \\(reason: ([A-Z_]+)\\); "
            + "erased (\\d+) score results, (\\d+) case steps, (\\d+) marks, (\\d+) identity entries( and the link to its audit entries)?"
            + "(?:; not suppressed \\(no CPR number held\\)|; kept off the lists until (\\d{4}-\\d{2}-\\d{2}))"
            + "(; its place in the trial is kept without anything that names it)?");
    private static final Pattern DISPUTE = Pattern.compile("(WRONG|DISPUTED)(?: \\(([A-Z_]+)\\))?: a data point from (.+)");
    private static final Pattern WITHDRAWN = Pattern.compile("a mark withdrawn from a data point from (.+)");
    private static final Pattern REFUSED = Pattern.compile("(.+) refused for role ([A-Z_]+)");
    private static final Pattern SAML = Pattern.compile("SAML \\(KOMBIT Context Handler\\), assurance (\\w+)");
    private static final Pattern SCORE_RUN = Pattern.compile("(\\S+) (\\S+) as of (\\d{4}-\\d{2}-\\d{2}), legal basis (.+): (\\d+) families scored, (\\d+) flagged");
    private static final Pattern DEPLOYED = Pattern.compile("version (\\S+)(?: \\(was (\\S+)\\))? deployed");
    private static final Pattern QUARANTINE_OPENED = Pattern.compile("line (\\d+) \\(quarantine (\\d+)\\) read: (.*)", Pattern.DOTALL);
    private static final Pattern QUARANTINE_RESOLVED = Pattern.compile("(\\d+) quarantined lines resolved by delivery (\\d+)");
    private static final Pattern ACCESS_REPORT = Pattern.compile("reference: (.+); identity checked by ([A-Z_]+); (\\d+) events, (\\d+) score results; "
            + "awaits review by a team lead or an auditor");
    private static final Pattern REVIEWED = Pattern.compile("reference: (.+) reviewed");
    private static final Pattern API_VIEW = Pattern.compile("API, (\\d+) entries");
    private static final Pattern EXPORTED = Pattern.compile("audit trail as CSV: (\\d+) entries; (.*)");
    private static final Pattern EXPORT_REQUESTED = Pattern.compile("audit trail as CSV requested; (.*)");
    private static final Pattern DELIVERY_OPENED = Pattern.compile("written out in clear text by OS user (\\S+): (.*)", Pattern.DOTALL);
    private static final Pattern REPROCESSED = Pattern.compile("read again through adapter (\\S+) by OS user (\\S+)");
    private static final Pattern REKEYED = Pattern.compile("the municipality's rows carried over to generation (\\d+) of the (pseudonym|household|family) "
            + "key by OS user (\\S+)(?:; (.*))?", Pattern.DOTALL);
    private static final Pattern REKEYING = Pattern.compile("carrying the municipality's rows over to generation (\\d+) of the "
            + "(pseudonym|household|family) key, by OS user (\\S+)");
    private static final Pattern CONFIGURED = Pattern.compile("(configured|changed): (.+)");
    private static final Pattern USER_ADDED = Pattern.compile("local user added with role ([A-Z_]+)");
    private static final Pattern ROLE_CHANGED = Pattern.compile("role changed from ([A-Z_]+) to ([A-Z_]+); the user's sessions end");
    private static final Pattern SESSIONS_ENDED = Pattern.compile("(\\d+) signed-in sessions? ended");
    private static final Pattern ACTIVATION_REQUESTED = Pattern.compile("activation (\\d+) on evaluation (\\d+), (?:meets the minimums|misses (\\d+) "
            + "minimums, with a justification)");
    private static final Pattern ACTIVATION_DECIDED = Pattern.compile("activation (\\d+) (approved: this version scores from now on|withdrawn|refused: (.*))",
            Pattern.DOTALL);
    private static final Pattern EVIDENCE_EXPORT = Pattern.compile("evaluation data of (\\d+) children as of (\\d{4}-\\d{2}-\\d{2}) written for outside audit");

    /** What the trail says was refused, as the code writes it, and its text. */
    private static final Map<String, String> REFUSED_WHAT = Map.ofEntries(Map.entry("the worklist", "worklist"),
            Map.entry("a family's explanation", "explanation"), Map.entry("the outreach overview", "overview"),
            Map.entry("the list of outreach workers", "workers"), Map.entry("outreach cases", "cases"),
            Map.entry("withdrawing a data point's mark", "withdraw"), Map.entry("disputing data points", "dispute"),
            Map.entry("re-identification", "reidentify"), Map.entry("assigning a family to someone else", "assignOther"),
            Map.entry("taking over another worker's case", "takeOver"), Map.entry("recording a decline on a case another worker holds", "declineOther"),
            Map.entry("access report", "accessReport"), Map.entry("access report review", "review"),
            Map.entry("deliveries and quarantine", "deliveries"), Map.entry("audit trail", "audit"), Map.entry("statistics", "statistics"),
            Map.entry("the models page", "models"));

    /** Details written as fixed texts, by action and text, and the text each is said with (empty: as written). */
    private static final Map<String, String> FIXED = Map.ofEntries(Map.entry("LIST_VIEW|no score run yet", "audit.detail.list.none"),
            Map.entry("SIGN_IN|local user", "audit.detail.local"), Map.entry("SIGN_IN|API token", "audit.detail.token"),
            Map.entry("SIGN_OUT|API token", "audit.detail.token"), Map.entry("SIGN_IN|OpenID Connect", ""), Map.entry("SIGN_OUT|", ""),
            Map.entry("ADAPTER_REMOVED|removed from deploy/", "audit.detail.removed"), Map.entry("CONFIG_CHANGE|removed", "audit.detail.config.removed"),
            Map.entry("CONFIG_CHANGE|password reset; the user's sessions end", "audit.detail.passwordReset"),
            Map.entry("CONFIG_CHANGE|local user disabled", "audit.detail.user.disabled"),
            Map.entry("CONFIG_CHANGE|local user enabled", "audit.detail.user.enabled"));

    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");

    private AuditDetails() {
    }

    /** The detail of an entry of this action in the user's words; as written (its codes as words) when its form is not known. */
    static String shown(Texts t, String action, String detail) {
        try {
            return inWords(t, action, detail);
        } catch (RuntimeException e) {
            // a detail that only looks like a known form (a day that is no day, a number too long): as written
            return codesAsWords(t, detail);
        }
    }

    private static String inWords(Texts t, String action, String detail) {
        String fixed = FIXED.get(action + "|" + detail);
        if (fixed != null) {
            return fixed.isEmpty() ? detail : t.get(fixed);
        }
        Matcher m;
        switch (action) {
            case "STATE_CHANGE" -> {
                if ((m = STATE_CHANGE.matcher(detail)).matches()) {
                    return t.get("audit.detail.state", TransparencyPages.code(t, "state.", m.group(1)), TransparencyPages.code(t, "state.", m.group(2)))
                            + (m.group(3) == null ? "" : " " + t.get("audit.detail.assigned", m.group(3)))
                            + (m.group(4) == null ? "" : "; " + t.get("audit.detail.contact", TransparencyPages.code(t, "channel.", m.group(4))))
                            + (m.group(5) == null ? "" : " " + t.get("audit.detail.note"))
                            + (m.group(6) == null ? "" : ", " + t.get("audit.detail.household"));
                }
            }
            case "REIDENTIFY" -> {
                if ((m = REIDENTIFY.matcher(detail)).matches()) {
                    return t.get("audit.detail.reidentify", TransparencyPages.code(t, "purpose.", m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
            case "EXPLANATION_VIEW" -> {
                if ((m = EXPLANATION.matcher(detail)).matches()) {
                    return t.get("audit.detail.explanation", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
            case "LIST_VIEW" -> {
                if ((m = LIST.matcher(detail)).matches()) {
                    return t.get("audit.detail.list", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
            case "DECLINE" -> {
                if ((m = DECLINE.matcher(detail)).matches()) {
                    return t.get("audit.detail.decline", m.group(1) == null ? 1 : Integer.parseInt(m.group(1)),
                            TransparencyPages.code(t, "decline.reason.", m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                            + (m.group(7) == null ? "" : " " + t.get("audit.detail.decline.link"))
                            + "; " + (m.group(8) == null ? t.get("audit.detail.decline.notSuppressed")
                                    : t.get("audit.detail.decline.suppressed", t.date(java.time.LocalDate.parse(m.group(8)))))
                            + (m.group(9) == null ? "" : "; " + t.get("audit.detail.decline.trial"));
                }
            }
            case "DISPUTE" -> {
                if ((m = DISPUTE.matcher(detail)).matches()) {
                    return t.get("audit.detail.dispute", m.group(2) == null ? t.get("case.mark.kind." + m.group(1))
                            : TransparencyPages.code(t, "dispute.reason.", m.group(2)), m.group(3));
                }
            }
            case "DISPUTE_WITHDRAWN" -> {
                if ((m = WITHDRAWN.matcher(detail)).matches()) {
                    return t.get("audit.detail.withdrawn", m.group(1));
                }
            }
            case "ACCESS_REFUSED" -> {
                if ((m = REFUSED.matcher(detail)).matches()) {
                    // a model activation's refusal carries the reason given to the user; the role says it here
                    String what = m.group(1).startsWith("model activation (") ? "activation" : REFUSED_WHAT.get(m.group(1));
                    if (what != null) {
                        return t.get("audit.detail.refused", t.get("audit.refused." + what), role(t, m.group(2)));
                    }
                }
            }
            case "SIGN_IN" -> {
                if ((m = SAML.matcher(detail)).matches()) {
                    return t.get("audit.detail.saml", m.group(1));
                }
            }
            case "SCORE_RUN" -> {
                if ((m = SCORE_RUN.matcher(detail)).matches()) {
                    return t.get("audit.detail.scoreRun", m.group(1), m.group(2), t.date(java.time.LocalDate.parse(m.group(3))), m.group(4),
                            Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
                }
            }
            case "ADAPTER_DEPLOYED" -> {
                if ((m = DEPLOYED.matcher(detail)).matches()) {
                    return t.get("audit.detail.deployed", m.group(1)) + (m.group(2) == null ? "" : " " + t.get("audit.detail.deployed.was", m.group(2)));
                }
            }
            case "QUARANTINE_OPENED" -> {
                if ((m = QUARANTINE_OPENED.matcher(detail)).matches()) {
                    return t.get("audit.detail.quarantineOpened", Long.parseLong(m.group(1)), m.group(2), m.group(3));
                }
            }
            case "QUARANTINE_RESOLVED" -> {
                if ((m = QUARANTINE_RESOLVED.matcher(detail)).matches()) {
                    return t.get("audit.detail.quarantineResolved", Long.parseLong(m.group(1)), m.group(2));
                }
            }
            case "ACCESS_REPORT" -> {
                if ((m = ACCESS_REPORT.matcher(detail)).matches()) {
                    return t.get("audit.detail.accessReport", m.group(1), TransparencyPages.code(t, "access.check.", m.group(2)),
                            Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
                }
            }
            case "ACCESS_REPORT_REVIEW" -> {
                if ((m = REVIEWED.matcher(detail)).matches()) {
                    return t.get("audit.detail.reviewed", m.group(1));
                }
            }
            case "AUDIT_VIEW" -> {
                if ((m = API_VIEW.matcher(detail)).matches()) {
                    return t.get("audit.detail.apiView", Long.parseLong(m.group(1)));
                }
            }
            case "EXPORT" -> {
                if ((m = EXPORTED.matcher(detail)).matches()) {
                    return t.get("audit.detail.export", Long.parseLong(m.group(1)), codesAsWords(t, m.group(2)));
                }
                if ((m = EXPORT_REQUESTED.matcher(detail)).matches()) {
                    return t.get("audit.detail.exportRequested", codesAsWords(t, m.group(1)));
                }
            }
            case "DELIVERY_OPENED" -> {
                if ((m = DELIVERY_OPENED.matcher(detail)).matches()) {
                    return t.get("audit.detail.deliveryOpened", m.group(1), m.group(2));
                }
            }
            case "DELIVERY_REPROCESSED" -> {
                if ((m = REPROCESSED.matcher(detail)).matches()) {
                    return t.get("audit.detail.reprocessed", m.group(1), m.group(2));
                }
            }
            case "KEYS_REKEYED" -> {
                if ((m = REKEYED.matcher(detail)).matches()) {
                    String said = t.get("audit.detail.rekeyed", m.group(1), t.get("audit.detail.key." + m.group(2)), m.group(3));
                    return m.group(4) == null ? said : said + "; " + m.group(4);
                }
                if ((m = REKEYING.matcher(detail)).matches()) {
                    return t.get("audit.detail.rekeying", m.group(1), t.get("audit.detail.key." + m.group(2)), m.group(3));
                }
            }
            case "CONFIG_CHANGE" -> {
                if ((m = CONFIGURED.matcher(detail)).matches()) {
                    return t.get("audit.detail.config." + m.group(1), m.group(2));
                }
                if ((m = USER_ADDED.matcher(detail)).matches()) {
                    return t.get("audit.detail.userAdded", role(t, m.group(1)));
                }
                if ((m = ROLE_CHANGED.matcher(detail)).matches()) {
                    return t.get("audit.detail.roleChanged", role(t, m.group(1)), role(t, m.group(2)));
                }
                if ((m = SESSIONS_ENDED.matcher(detail)).matches()) {
                    return t.get("audit.detail.sessionsEnded", Long.parseLong(m.group(1)));
                }
            }
            case "ACTIVATION_REQUESTED" -> {
                if ((m = ACTIVATION_REQUESTED.matcher(detail)).matches()) {
                    return t.get("audit.detail.activationRequested", m.group(1), m.group(2)) + ", " + (m.group(3) == null
                            ? t.get("audit.detail.activation.meets") : t.get("audit.detail.activation.misses", Long.parseLong(m.group(3))));
                }
            }
            case "ACTIVATION_APPROVED", "ACTIVATION_REFUSED", "ACTIVATION_WITHDRAWN" -> {
                if ((m = ACTIVATION_DECIDED.matcher(detail)).matches()) {
                    String how = m.group(2).startsWith("approved") ? "approved" : m.group(2).startsWith("withdrawn") ? "withdrawn" : "refused";
                    return t.get("audit.detail.activation." + how, m.group(1), m.group(3) == null ? "" : m.group(3));
                }
            }
            case "EVIDENCE_EXPORT" -> {
                if ((m = EVIDENCE_EXPORT.matcher(detail)).matches()) {
                    return t.get("audit.detail.evidenceExport", Long.parseLong(m.group(1)), t.date(java.time.LocalDate.parse(m.group(2))));
                }
            }
            default -> {
                // shown as written, below
            }
        }
        return codesAsWords(t, detail);
    }

    /** A text as written, each code of tidlig's fixed lists (a state, a channel, a purpose, a reason, a role) as its words. */
    static String codesAsWords(Texts t, String text) {
        Matcher m = CODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(word(t, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String word(Texts t, String code) {
        for (String prefix : new String[] {"state.", "channel.", "purpose.", "decline.reason.", "dispute.reason."}) {
            String w = TransparencyPages.code(t, prefix, code);
            if (!w.equals(code)) {
                return w;
            }
        }
        return role(t, code);
    }

    private static String role(Texts t, String code) {
        try {
            return Pages.roleLabel(t, Role.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
