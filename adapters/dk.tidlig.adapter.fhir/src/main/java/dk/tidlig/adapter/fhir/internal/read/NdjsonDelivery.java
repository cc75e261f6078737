// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.text.TextLines;

/**
 * Bulk-export NDJSON: one resource per line, in JSON. The line number is the position; blank lines are
 * items without resource. A line that is not a JSON resource is an item with a problem, except the first
 * non-blank line: if that is not one, the file is not NDJSON and is refused. The file is read again for
 * each pass, so its size is not limited by memory.
 */
final class NdjsonDelivery implements Delivery {

    private final DeliveredFile file;
    private final Charset charset;

    private NdjsonDelivery(DeliveredFile file, Charset charset) {
        this.file = file;
        this.charset = charset;
    }

    static NdjsonDelivery open(DeliveredFile file, Charset charset) throws IOException, FileFormatException {
        try (TextLines in = new TextLines(file.open(), charset, 1)) {
            while (in.hasNext()) {
                Line line = in.next().get(0);
                if (line.problem() == null && line.text().isBlank()) {
                    continue;
                }
                Item first = item(line);
                if (first.problem() != null) {
                    throw new FileFormatException("the file is not NDJSON of FHIR resources: line " + line.number() + ": " + first.problem());
                }
                break;
            }
        }
        return new NdjsonDelivery(file, charset);
    }

    /** Every line, decoded on its own: a line with a broken byte sequence or too long is a broken item, the rest are read. */
    @Override
    public void forEach(Consumer<Item> items) throws IOException {
        try (TextLines in = new TextLines(file.open(), charset, 1000)) {
            while (in.hasNext()) {
                for (Line line : in.next()) {
                    items.accept(item(line));
                }
            }
        }
    }

    private static Item item(Line line) {
        return line.problem() != null ? Item.broken(line.number(), line.text(), line.problem()) : item(line.number(), line.text());
    }

    private static Item item(long n, String line) {
        if (line.isBlank()) {
            return Item.empty(n, line);
        }
        JsonNode node;
        try {
            node = JsonDelivery.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Item.broken(n, line, "the line is not valid JSON" + column(e));
        }
        if (node == null || !node.isObject() || !node.path("resourceType").isTextual()) {
            return Item.broken(n, line, "the line is not a FHIR resource: it has no resourceType");
        }
        return Item.resource(n, line, false, node.get("resourceType").asText(), null);
    }

    private static String column(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? "" : " (column " + e.getLocation().getColumnNr() + ")";
    }
}
