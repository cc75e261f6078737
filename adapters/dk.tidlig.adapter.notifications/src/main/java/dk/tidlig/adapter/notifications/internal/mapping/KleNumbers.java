// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.adapter.RecordException;

/**
 * KLE case numbers of children's special support (group 27.24), as the case system writes them: the
 * number {@code 27.24.03}, optionally followed by a handling facet ({@code 27.24.03G01}). Only the
 * number is kept; the facet says how the case was handled, not what it is about.
 */
final class KleNumbers {

    /** The KLE group of special support for children and young people. */
    static final String GROUP = "27.24";

    private static final Pattern NUMBER = Pattern.compile("(\\d{2}\\.\\d{2})\\.\\d{2}");
    private static final Pattern WITH_FACET = Pattern.compile("(\\d{2}\\.\\d{2}\\.\\d{2}) ?(?:[A-Za-z]\\d{2})?");

    /**
     * Titles of the numbers of group 27.24, for the event's explanation. From the KLE paragraph table in
     * shared/formats (OS2bos), shortened to what the numbers have in common; 27.24.00 is the group's
     * generic number. A number of the group without a title here is accepted with no title.
     */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("27.24.00", "Særlig støtte til børn og unge"),
            Map.entry("27.24.03", "Børnefaglig undersøgelse"),
            Map.entry("27.24.06", "Handleplan børn og unge"),
            Map.entry("27.24.09", "Økonomisk støtte efter § 52 a"),
            Map.entry("27.24.15", "Støtteperson til forældremyndighedsindehaver"),
            Map.entry("27.24.20", "Netværkssamråd"),
            Map.entry("27.24.24", "Forældrepålæg"),
            Map.entry("27.24.25", "Ungepålæg"),
            Map.entry("27.24.26", "Udslusning og opfølgende støtte"),
            Map.entry("27.24.27", "Anbringelse uden samtykke"),
            Map.entry("27.24.36", "Samvær og kontakt"),
            Map.entry("27.24.39", "Advokatbistand"),
            Map.entry("27.24.42", "Behandling af stofmisbrugere under 18 år"),
            Map.entry("27.24.45", "Underretning"));

    private KleNumbers() {
    }

    /**
     * The KLE number without its facet.
     *
     * @throws RecordException naming the column and the rule when the value is not a KLE number of group 27.24
     */
    static String number(String column, String value) throws RecordException {
        Matcher m = WITH_FACET.matcher(value.strip());
        if (!m.matches()) {
            throw new RecordException("column " + column + " is not a KLE number in the form 27.24.03, optionally with a handling facet such as G01");
        }
        String number = m.group(1);
        Matcher n = NUMBER.matcher(number);
        if (!n.matches() || !n.group(1).equals(GROUP)) {
            throw new RecordException("column " + column + " is not in KLE group 27.24 (special support for children and young people)");
        }
        return number;
    }

    /** The number's title, or null when there is none here. */
    static String title(String number) {
        return TITLES.get(number);
    }
}
