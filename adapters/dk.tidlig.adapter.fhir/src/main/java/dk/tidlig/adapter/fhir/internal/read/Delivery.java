// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileFormatException;

/**
 * A delivered file as a sequence of {@link Item}s. A delivery can be gone through more than once (the
 * adapter first collects the Patients, then maps every resource); an NDJSON file is read from disk each
 * time, a Bundle is held in memory.
 */
public interface Delivery {

    /** Hands every item to the consumer, in the file's order. */
    void forEach(Consumer<Item> items) throws IOException;

    /**
     * Opens a delivered file by its name: {@code .ndjson} is bulk-export NDJSON,
     * {@code .json} a Bundle (or a single resource) in JSON, {@code .xml} one in XML.
     *
     * @throws FileFormatException when the file is not what its name says, with a reason that never quotes it
     */
    static Delivery open(Path file, String name, Charset charset) throws IOException, FileFormatException {
        return open(DeliveredFile.of(file, name), charset);
    }

    /** Opens a delivered file (read where it is, or its sealed copy) by its name; see {@link #open(Path, String, Charset)}. */
    static Delivery open(DeliveredFile file, Charset charset) throws IOException, FileFormatException {
        String n = file.name().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ndjson")) {
            return NdjsonDelivery.open(file, charset);
        }
        if (n.endsWith(".json")) {
            return JsonDelivery.open(file, charset);
        }
        if (n.endsWith(".xml")) {
            return XmlDelivery.open(file, charset);
        }
        throw new FileFormatException("the file name must end in .json (a Bundle in JSON), .xml (a Bundle in XML) or .ndjson (bulk export)");
    }
}
