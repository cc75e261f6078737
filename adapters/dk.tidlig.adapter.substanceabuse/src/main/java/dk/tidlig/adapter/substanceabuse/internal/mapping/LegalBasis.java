// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import java.util.regex.Pattern;

import dk.tidlig.adapter.RecordException;

/**
 * The legal basis of a treatment episode (Lovgrundlag), checked loosely: a law's name or abbreviation,
 * the paragraph sign and a paragraph number, optionally with a letter and more ("SEL § 101",
 * "SUL § 141", "Serviceloven § 101, stk. 3"). Blanks are tidied ("SEL §101" is "SEL § 101").
 */
final class LegalBasis {

    /** Detail code system of the legal basis. */
    static final String CODE_SYSTEM = "treatment.law";
    /** Longest legal reference kept (the length of a detail code). */
    static final int MAX_LENGTH = 40;

    private static final Pattern REFERENCE = Pattern.compile("\\p{L}[\\p{L}. ]*§ \\d+( ?[a-z])?([ ,.].*)?");
    /** Anonymous treatment (serviceloven § 101 a): the person is promised anonymity. */
    private static final Pattern ANONYMOUS = Pattern.compile("(?i)(SEL|serviceloven|lov om social service) § 101 ?a([ ,.].*)?");

    private LegalBasis() {
    }

    /**
     * The tidied reference.
     *
     * @throws RecordException naming the column and the rule when it is not a legal reference
     */
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern PARAGRAPH = java.util.regex.Pattern.compile(" ?§ ?");

    static String of(String column, String value) throws RecordException {
        String tidy = PARAGRAPH.matcher(BLANKS.matcher(value.strip()).replaceAll(" ")).replaceAll(" § ").strip();
        if (tidy.length() > MAX_LENGTH || !REFERENCE.matcher(tidy).matches()) {
            throw new RecordException("column " + column + " is not a legal reference such as SEL § 101 or SUL § 141 (at most "
                    + MAX_LENGTH + " characters)");
        }
        return tidy;
    }

    /** True for anonymous treatment under serviceloven § 101 a, which tidlig never reads. */
    static boolean isAnonymous(String tidy) {
        return ANONYMOUS.matcher(tidy).matches();
    }
}
