// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPR office's rules for personal identification numbers (personnumre), as every IT system must
 * apply them.
 *
 * <ul>
 * <li>Structure: {@code DDMMYY-SSSS}, the hyphen optional.</li>
 * <li>The birth date must exist. The century follows from the 7th digit and the two-digit year:
 * 0–3 gives 1900–1999; 4 or 9 gives 2000–2036 for years 00–36 and 1937–1999 otherwise; 5–8 gives
 * 2000–2057 for years 00–57 and 1858–1899 otherwise.</li>
 * <li>Substitute numbers (erstatningspersonnumre) raise the first digit of the day by 6.</li>
 * <li>Modulus 11 is <em>not</em> a validity rule: since 1 October 2007 valid numbers that fail it are
 * issued. {@link #passesModulus11(String)} exists for information only and is never used to reject.</li>
 * </ul>
 *
 * <p>No method here ever puts the number it was given into a message: problems are described by
 * which rule failed, so they can be logged and stored in quarantine without leaking the number.
 */
public final class CprNumbers {

    /** Candidates in free text: six digits, hyphen, four digits; or a run of ten or more digits. */
    private static final Pattern IN_TEXT = Pattern.compile("\\d{6}-\\d{4}|(?<![\\dA-Za-z])\\d{6} \\d{4}(?![\\dA-Za-z])|\\d{10,}");
    private static final int[] MOD11_WEIGHTS = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};

    private CprNumbers() {
    }

    /**
     * Checks a CPR number against the CPR office's rules.
     *
     * @param raw   the number as delivered, with or without hyphen, surrounding blanks allowed
     * @param today the date against which "born in the future" is judged
     * @return empty when valid, otherwise a description of the rule that failed (never the number)
     */
    public static Optional<String> problem(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("CPR number is missing");
        }
        String s = raw.strip();
        if (!shaped(s)) {
            return Optional.of("CPR number must be 10 digits, DDMMYY-SSSS with optional hyphen");
        }
        // read as digits where they stand: this runs for every line of every delivery, and for every person generated
        int day = number(s, 0);
        int month = number(s, 2);
        if (day > 60) {
            day -= 60; // substitute number
        }
        if (month < 1 || month > 12) {
            return Optional.of("CPR number has a month that does not exist");
        }
        if (day < 1 || day > 31) {
            return Optional.of("CPR number has a day that does not exist");
        }
        int year = fullYear(number(s, 4), s.charAt(s.length() - 4) - '0');
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return Optional.of("CPR number has a birth date that does not exist (a day past the end of its month)");
        }
        if (today != null && LocalDate.of(year, month, day).isAfter(today)) {
            return Optional.of("CPR number gives a birth date in the future");
        }
        return Optional.empty();
    }

    /** Ten digits, or six, a hyphen and four (as the pattern {@code \d{6}-?\d{4}}, without a regular expression). */
    private static boolean shaped(String s) {
        int n = s.length();
        if (n != 10 && n != 11) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (n == 11 && i == 6 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The two digits at {@code at} as a number. */
    private static int number(String s, int at) {
        return (s.charAt(at) - '0') * 10 + s.charAt(at + 1) - '0';
    }

    /** {@link #problem(String, LocalDate)} judged against today's date. */
    public static Optional<String> problem(String raw) {
        return problem(raw, LocalDate.now());
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /**
     * The number as ten digits without hyphen.
     *
     * @throws IllegalArgumentException when the number breaks a rule; the message names the rule only
     */
    public static String normalise(String raw) {
        problem(raw, null).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return raw.strip().replace("-", "");
    }

    /** The birth date encoded in a valid number (for substitute numbers, with the day lowered by 6 tens). */
    public static LocalDate birthDate(String cpr) {
        String d = normalise(cpr);
        int day = Integer.parseInt(d.substring(0, 2));
        if (day > 60) {
            day -= 60;
        }
        return LocalDate.of(fullYear(d), Integer.parseInt(d.substring(2, 4)), day);
    }

    /** Sex by the last digit: odd male, even female. */
    public static Sex sex(String cpr) {
        String d = normalise(cpr);
        return (d.charAt(9) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Substitute numbers (erstatningspersonnumre) have 6 added to the first digit of the day. */
    public static boolean isSubstitute(String cpr) {
        return normalise(cpr).charAt(0) >= '6';
    }

    /**
     * The historical modulus-11 check. For information and statistics only: numbers that fail it are
     * valid and must be accepted.
     */
    public static boolean passesModulus11(String cpr) {
        String d = normalise(cpr);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * MOD11_WEIGHTS[i];
        }
        return sum % 11 == 0;
    }

    /**
     * True when the text contains something that may be a CPR number: {@code DDMMYY-SSSS}, a run of
     * exactly ten digits, or a longer run of digits in which some ten consecutive digits form a valid CPR
     * number (a vendor id built from a CPR number and a sequence number).
     */
    public static boolean containsCprLike(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = IN_TEXT.matcher(text);
        while (m.find()) {
            if (isCprLike(m.group())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces everything that may be a CPR number in free text (see {@link #containsCprLike}) by stars.
     * A last line of defence for file names and third-party messages; our own messages never contain
     * numbers.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String found = m.group();
            m.appendReplacement(out, isCprLike(found) ? (found.length() == 11 && !Character.isDigit(found.charAt(6)) ? "******" + found.charAt(6) + "****"
                    : "*".repeat(found.length()))
                    : found);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isCprLike(String candidate) {
        if (candidate.length() == 10 || candidate.indexOf('-') >= 0) {
            return true; // DDMMYY-SSSS or exactly ten digits: treat as a CPR number whatever its date
        }
        if (candidate.indexOf(' ') >= 0) {
            // DDMMYY SSSS, as people also write it: when its date is a birth date (a space parts many other numbers)
            return problem(candidate.replace(' ', '-'), null).isEmpty();
        }
        for (int i = 0; i + 10 <= candidate.length(); i++) {
            if (problem(candidate.substring(i, i + 10), null).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static int fullYear(String digits) {
        return fullYear(number(digits, 4), digits.charAt(6) - '0');
    }

    /** The year of birth from the two digits of the year and the serial number's first digit, by the CPR office's table. */
    private static int fullYear(int yy, int seventh) {
        if (seventh <= 3) {
            return 1900 + yy;
        }
        if (seventh == 4 || seventh == 9) {
            return yy <= 36 ? 2000 + yy : 1900 + yy;
        }
        return yy <= 57 ? 2000 + yy : 1800 + yy;
    }
}
