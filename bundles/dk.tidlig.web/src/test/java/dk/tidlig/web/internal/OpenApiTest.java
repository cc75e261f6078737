// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.core.transparency.ModelCard;

/**
 * The API's description ({@code openapi.json}) against what the API answers, both ways: every field an answer holds is
 * described, with its type, and every field described is one the answer holds. The answers are the records the API
 * writes with Jackson (each component a field, dates as ISO-8601 text); WebIT checks that every path described is served.
 */
class OpenApiTest {

    /** Each described answer and the record the API writes for it. */
    private static final Map<String, Class<?>> ANSWERS = Map.ofEntries(
            Map.entry("get /worklist", ApiJson.Worklist.class),
            Map.entry("get /families/{familyId}", ApiJson.Family.class),
            Map.entry("post /families/{familyId}/reidentification", ApiJson.Identified.class),
            Map.entry("post /families/{familyId}/transitions", ApiJson.Transition.class),
            Map.entry("post /families/{familyId}/decline", ApiJson.Declined.class),
            Map.entry("post /families/{familyId}/disputes", ApiJson.Marked.class),
            Map.entry("get /audit", ApiJson.Audit.class),
            Map.entry("get /model-card", ModelCard.class),
            Map.entry("get /data-inventory", DataInventory.class),
            Map.entry("post /access-reports", AccessReport.class),
            Map.entry("post /tokens", ApiJson.Token.class),
            Map.entry("get /access-reports/reviews", ApiJson.Reviews.class),
            Map.entry("post /access-reports/reviews", ApiJson.Reviewed.class));

    private final JsonNode doc;
    private final List<String> problems = new ArrayList<>();

    OpenApiTest() throws Exception {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyAnswerIsDescribedFieldByFieldAndNothingIsDescribedThatIsNotSent() {
        Map<String, JsonNode> described = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode schema = op.getValue().path("responses").path("200").path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    described.put(op.getKey() + " " + path.getKey(), schema);
                }
            }
        }
        assertThat(described.keySet()).as("every answer with a body is described, and nothing else").containsExactlyInAnyOrderElementsOf(
                ANSWERS.keySet());
        ANSWERS.forEach((answer, type) -> compare(type, described.get(answer), answer));
        compare(ApiJson.Error.class, doc.path("components").path("schemas").path("Error"), "Error");
        assertThat(problems).isEmpty();
    }

    @Test
    void theComparisonFindsAFieldThatIsNotDescribedAndOneThatIsNotSent() throws Exception {
        JsonNode token = new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\"},"
                + "\"type\":{\"type\":\"string\"},\"idleSeconds\":{\"type\":\"integer\"},\"expires\":{\"type\":\"string\"}}}");
        compare(ApiJson.Token.class, token, "Token");
        assertThat(problems).containsExactly("Token: sent, not described: [maxAgeSeconds]", "Token: described, not sent: [expires]");
        problems.clear();
        compare(ApiJson.Transition.class, new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"familyId\":{\"type\":\"string\"},"
                + "\"state\":{\"type\":\"string\"},\"version\":{\"type\":\"string\"}}}"), "Transition");
        assertThat(problems).containsExactly("Transition.version: an int is described as string");
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null) {
            return schema;
        }
        JsonNode target = doc.at(ref.substring(1));
        if (target.isMissingNode()) {
            problems.add("no " + ref);
        }
        return target;
    }

    private void compare(Class<?> record, JsonNode schema, String where) {
        JsonNode s = merged(resolve(schema));
        if (!s.path("properties").isObject()) {
            problems.add(where + ": an object without its fields described");
            return;
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        Set<String> sent = new TreeSet<>(components.keySet());
        Set<String> fields = new TreeSet<>();
        s.path("properties").fieldNames().forEachRemaining(fields::add);
        Set<String> undescribed = new TreeSet<>(sent);
        undescribed.removeAll(fields);
        Set<String> unsent = new TreeSet<>(fields);
        unsent.removeAll(sent);
        if (!undescribed.isEmpty()) {
            problems.add(where + ": sent, not described: " + undescribed);
        }
        if (!unsent.isEmpty()) {
            problems.add(where + ": described, not sent: " + unsent);
        }
        for (RecordComponent c : components.values()) {
            if (fields.contains(c.getName())) {
                type(c.getGenericType(), s.path("properties").path(c.getName()), where + "." + c.getName());
            }
        }
    }

    /** A schema of {@code allOf} parts as one, their fields together. */
    private JsonNode merged(JsonNode s) {
        if (!s.has("allOf")) {
            return s;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = new ObjectMapper().createObjectNode().put("type", "object");
        com.fasterxml.jackson.databind.node.ObjectNode properties = merged.putObject("properties");
        for (JsonNode part : s.path("allOf")) {
            JsonNode p = merged(resolve(part));
            p.path("properties").fields().forEachRemaining(f -> properties.set(f.getKey(), f.getValue()));
        }
        return merged;
    }

    private void type(Type type, JsonNode schema, String where) {
        JsonNode s = resolve(schema);
        if (s.path("type").isArray()) {
            problems.add(where + ": a list of types is OpenAPI 3.1; 3.0 says nullable");
            return;
        }
        String t = s.path("type").asText("");
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                expect(t, "array", where, raw);
                type(p.getActualTypeArguments()[0], s.path("items"), where + "[]");
            } else if (Map.class.isAssignableFrom(raw)) {
                expect(t, "object", where, raw);
                type(p.getActualTypeArguments()[1], s.path("additionalProperties"), where + "{}");
            } else {
                problems.add(where + ": " + raw + " is not a type the API writes");
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            expect(t, "object", where, c);
            compare(c, s, where);
        } else if (c == String.class || c.isEnum()) {
            expect(t, "string", where, c);
        } else if (c == LocalDate.class) {
            expect(t + "/" + s.path("format").asText(), "string/date", where, c);
        } else if (c == Instant.class) {
            expect(t + "/" + s.path("format").asText(), "string/date-time", where, c);
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            expect(t, "integer", where, c);
        } else if (c == double.class || c == Double.class) {
            expect(t, "number", where, c);
        } else if (c == boolean.class || c == Boolean.class) {
            expect(t, "boolean", where, c);
        } else {
            problems.add(where + ": " + c + " is not a type the API writes");
        }
    }

    private void expect(String described, String wanted, String where, Class<?> c) {
        if (!described.equals(wanted)) {
            problems.add(where + ": " + (c.isPrimitive() ? "an " : "a ") + c.getSimpleName() + " is described as " + described);
        }
    }
}
