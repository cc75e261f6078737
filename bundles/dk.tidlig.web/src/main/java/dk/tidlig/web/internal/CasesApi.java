// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.State;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The outreach's part of the REST API: the worklist, a family's explanation, its re-identification for a purpose, the
 * steps of its case, its decline and the marks on its data points.
 */
final class CasesApi {

    private static final Pattern FAMILY = Pattern.compile("/families/(F-[B-Z]{5}-[B-Z]{5})(/reidentification|/transitions|/decline|/disputes)?");

    private final Outreach outreach;

    CasesApi(Outreach outreach) {
        this.outreach = outreach;
    }

    /** The answer, or null when the path is not this area's. */
    Object route(String path, boolean get, HttpServletRequest req, Actor actor) throws IOException, LegalBasisException {
        if (path.equals("/worklist") && get) {
            return ApiJson.Worklist.of(outreach.worklist(actor));
        }
        Matcher m = FAMILY.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String family = m.group(1);
        String sub = m.group(2) == null ? "" : m.group(2);
        if (sub.isEmpty() && get) {
            return ApiJson.Family.of(outreach.explanation(actor, family));
        }
        if (get || sub.isEmpty()) {
            throw new Api.Refused(405, "method not allowed");
        }
        JsonNode in = Api.body(req);
        return switch (sub) {
            case "/reidentification" -> ApiJson.Identified.of(outreach.open(actor, family, Api.enumOf(Outreach.Purpose.class, Api.text(in, "purpose"),
                    "purpose")));
            case "/transitions" -> {
                State to = Api.enumOf(State.class, Api.text(in, "to"), "to");
                int version = outreach.transition(actor, family, Api.number(in, "version"), to, in.path("assignTo").asText(null));
                yield new ApiJson.Transition(family, to.name(), version);
            }
            case "/decline" -> {
                if (!in.path("confirm").asBoolean(false)) {
                    throw new IllegalArgumentException("a decline erases the family: send \"confirm\": true");
                }
                yield ApiJson.Declined.of(outreach.decline(actor, family, Api.number(in, "version"),
                        Api.enumOf(Outreach.DeclineReason.class, in.path("reason").asText("NOT_STATED"), "reason")));
            }
            case "/disputes" -> {
                if (in.hasNonNull("reason")) {
                    yield new ApiJson.Marked(outreach.dispute(actor, family, Api.text(in, "sourceSystem"), Api.text(in, "sourceRecordId"),
                            Api.enumOf(Outreach.DisputeReason.class, in.path("reason").asText(), "reason")));
                }
                Outreach.Dispute kind = "WRONG".equals(in.path("kind").asText()) ? Outreach.Dispute.WRONG : Outreach.Dispute.DISPUTED;
                yield new ApiJson.Marked(outreach.dispute(actor, family, Api.text(in, "sourceSystem"), Api.text(in, "sourceRecordId"), kind));
            }
            default -> throw new NotFoundException("no such resource");
        };
    }
}
