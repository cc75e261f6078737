// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileFormatException;

/**
 * A FHIR Bundle in JSON (or a file holding one resource). The document is read into memory; each entry
 * becomes an item, with its index (from 1) as position. Entries are parsed one by one later, so a broken
 * resource is quarantined on its own instead of refusing the whole Bundle.
 */
final class JsonDelivery implements Delivery {

    /** Numbers are kept exactly as written (FHIR decimals carry their precision); errors never quote the source. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final JsonNode document;

    private JsonDelivery(JsonNode document) {
        this.document = document;
    }

    static JsonDelivery open(DeliveredFile file, Charset charset) throws IOException, FileFormatException {
        JsonNode document;
        try (BufferedReader in = Texts.reader(file, charset)) {
            document = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new FileFormatException("the file is not valid JSON" + at(e.getLocation()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FileFormatException("the file is not valid " + charset.name() + " (a broken byte sequence): a Bundle is read whole or not at all");
        }
        if (document == null || !document.isObject()) {
            throw new FileFormatException("the file is not a FHIR resource in JSON: it is not a JSON object");
        }
        if (!document.path("resourceType").isTextual()) {
            throw new FileFormatException("the file is not a FHIR resource in JSON: it has no resourceType");
        }
        if ("Bundle".equals(document.get("resourceType").asText())) {
            JsonNode entries = document.path("entry");
            if (!entries.isMissingNode() && !entries.isArray()) {
                throw new FileFormatException("the Bundle's entry is not a list");
            }
        }
        return new JsonDelivery(document);
    }

    @Override
    public void forEach(Consumer<Item> items) throws IOException {
        if (!"Bundle".equals(document.get("resourceType").asText())) {
            items.accept(Item.resource(1, text(document), false, document.get("resourceType").asText(), null));
            return;
        }
        long position = 0;
        for (JsonNode entry : document.path("entry")) {
            items.accept(entry(++position, entry));
        }
    }

    private static Item entry(long position, JsonNode entry) throws IOException {
        if (!entry.isObject()) {
            return Item.broken(position, text(entry), "the Bundle entry is not a JSON object");
        }
        JsonNode resource = entry.get("resource");
        String fullUrl = entry.path("fullUrl").isTextual() ? entry.get("fullUrl").asText() : null;
        if (resource == null || resource.isNull()) {
            JsonNode request = entry.path("request");
            if ("DELETE".equals(request.path("method").asText(null)) && request.path("url").isTextual()) {
                ObjectNode text = JSON.createObjectNode();
                text.set("request", request);
                return new Item(position, text(text), false, null, fullUrl, request.get("url").asText(), null);
            }
            return Item.empty(position, text(entry)); // e.g. a response entry: nothing to read
        }
        if (!resource.isObject() || !resource.path("resourceType").isTextual()) {
            return Item.broken(position, text(resource), "the Bundle entry's resource has no resourceType");
        }
        return Item.resource(position, text(resource), false, resource.get("resourceType").asText(), fullUrl);
    }

    static String text(JsonNode node) throws IOException {
        return JSON.writeValueAsString(node);
    }

    static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
