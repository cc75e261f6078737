// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

/**
 * One resource of a delivery, before it is parsed: a line of an NDJSON file, an entry of a Bundle, or
 * the one resource of a file that holds a single resource.
 *
 * @param position     the NDJSON line number, or the Bundle entry's index, from 1
 * @param text         the resource as delivered (JSON, or XML for an XML Bundle); the entry's request
 *                     for an entry without resource; the line for an NDJSON line. Kept, encrypted, when
 *                     the resource is quarantined
 * @param xml          true when {@code text} is XML
 * @param resourceType the resource's type as the file names it; null for a blank line or an entry
 *                     without resource
 * @param fullUrl      the Bundle entry's full URL, or null
 * @param deleteUrl    for a Bundle entry with request method DELETE: the request URL; else null
 * @param problem      why the item cannot be read at all (a line that is not JSON), never quoting it;
 *                     null when it can
 */
public record Item(long position, String text, boolean xml, String resourceType, String fullUrl, String deleteUrl, String problem) {

    static Item resource(long position, String text, boolean xml, String resourceType, String fullUrl) {
        return new Item(position, text, xml, resourceType, fullUrl, null, null);
    }

    static Item broken(long position, String text, String problem) {
        return new Item(position, text, false, null, null, null, problem);
    }

    static Item empty(long position, String text) {
        return new Item(position, text, false, null, null, null, null);
    }

    @Override
    public String toString() {
        return "Item " + position; // the text holds personal data
    }
}
