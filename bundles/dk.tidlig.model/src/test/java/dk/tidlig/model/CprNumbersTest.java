// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CprNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest(name = "{0} is born {1}")
    @CsvSource({
            // 7th digit 0-3: 1900-1999
            "010190-0002, 1990-01-01",
            "0101901234, 1990-01-01",
            "311299-3999, 1999-12-31",
            // 4 or 9: 00-36 -> 2000s, 37-99 -> 1900s
            "010110-4123, 2010-01-01",
            "010140-4123, 1940-01-01",
            "010120-9123, 2020-01-01",
            "010137-9123, 1937-01-01",
            // 5-8: 00-57 -> 2000s, 58-99 -> 1800s
            "150615-5123, 2015-06-15",
            "010160-5123, 1860-01-01",
            "010199-8123, 1899-01-01",
            // leap day in 2000 (a leap year)
            "290200-4123, 2000-02-29",
    })
    void centuryRuleGivesTheBirthDate(String cpr, LocalDate born) {
        assertThat(CprNumbers.problem(cpr, TODAY)).isEmpty();
        assertThat(CprNumbers.birthDate(cpr)).isEqualTo(born);
    }

    @Test
    void numbersFailingModulus11AreValid() {
        // CPR office: since 2007 valid numbers fail modulus 11; never a reason to reject
        assertThat(CprNumbers.passesModulus11("0101901234")).isFalse();
        assertThat(CprNumbers.problem("0101901234", TODAY)).isEmpty();
        assertThat(CprNumbers.passesModulus11("0101900002")).isTrue();
    }

    @Test
    void substituteNumbersRaiseTheDayBySixTens() {
        assertThat(CprNumbers.problem("610190-1234", TODAY)).isEmpty();
        assertThat(CprNumbers.isSubstitute("6101901234")).isTrue();
        assertThat(CprNumbers.isSubstitute("0101901234")).isFalse();
        assertThat(CprNumbers.birthDate("6101901234")).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(CprNumbers.problem("920190-1234", TODAY)).isPresent(); // day 32
    }

    @ParameterizedTest(name = "{0} is rejected")
    @CsvSource({
            "290200-1123",   // 1900 was not a leap year
            "310490-1234",   // 31 April
            "011390-1234",   // month 13
            "000190-1234",   // day 0
            "010100-5123",   // 2000? no: 5 with 00 gives 2000 -> fine; replaced below
    })
    void impossibleDatesAreRejected(String cpr) {
        if (cpr.equals("010100-5123")) {
            assertThat(CprNumbers.problem(cpr, TODAY)).isEmpty();
            return;
        }
        assertThat(CprNumbers.problem(cpr, TODAY)).isPresent();
    }

    @Test
    void malformedNumbersAreRejected() {
        assertThat(CprNumbers.problem("01019-1234", TODAY)).hasValue("CPR number must be 10 digits, DDMMYY-SSSS with optional hyphen");
        assertThat(CprNumbers.problem("0101901234X", TODAY)).isPresent();
        assertThat(CprNumbers.problem("01-01-901234", TODAY)).isPresent();
        assertThat(CprNumbers.problem(" ", TODAY)).hasValue("CPR number is missing");
        assertThat(CprNumbers.problem(null, TODAY)).isPresent();
    }

    @Test
    void birthInTheFutureIsRejected() {
        // 7th digit 5, year 50: born 2050
        assertThat(CprNumbers.problem("010150-5123", TODAY)).hasValue("CPR number gives a birth date in the future");
    }

    @Test
    void problemsNeverQuoteTheNumber() {
        for (String bad : new String[] {"310490-1234", "3104901234", "011390-1234", "010150-5123"}) {
            String problem = CprNumbers.problem(bad, TODAY).orElseThrow();
            // not even the day or the month: a mistyped number is still most of a person's number
            assertThat(problem).as(bad).doesNotContainPattern("\\d");
        }
        java.util.Random random = new java.util.Random(11);
        String alphabet = "0123456789-0123456789 x"; // mostly digits: well-shaped numbers and nearly so
        for (int i = 0; i < 20_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int d = 8 + random.nextInt(5); d > 0; d--) {
                raw.append(i % 2 == 0 ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // the shape's own "10 digits" is the rule, not the number
            CprNumbers.problem(raw.toString(), TODAY).ifPresent(p -> assertThat(p.replace("10 digits", "")).as(raw.toString())
                    .doesNotContainPattern("\\d"));
        }
        assertThatThrownBy(() -> CprNumbers.normalise("3104901234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("3104901234");
    }

    @Test
    void sexFollowsTheLastDigit() {
        assertThat(CprNumbers.sex("0101901233")).isEqualTo(Sex.MALE);
        assertThat(CprNumbers.sex("010190-1234")).isEqualTo(Sex.FEMALE);
    }

    @Test
    void maskHidesCprShapedNumbersInText() {
        assertThat(CprNumbers.mask("file 0101901234.csv and 010190-1234")).isEqualTo("file **********.csv and ******-****");
        assertThat(CprNumbers.mask("id 12345678901 stays")).isEqualTo("id 12345678901 stays");
        assertThat(CprNumbers.containsCprLike("TB-2024-000123")).isFalse();
        assertThat(CprNumbers.containsCprLike("mor: 010190 1234")).as("written with a space").isTrue();
        assertThat(CprNumbers.mask("mor: 010190 1234.")).isEqualTo("mor: ****** ****.");
        assertThat(CprNumbers.containsCprLike("konto 999999 1234")).as("a space parts other numbers too: only a birth date counts").isFalse();
        assertThat(CprNumbers.containsCprLike("seed 00101190 1234abcd")).as("inside a longer word: not one").isFalse();
        assertThat(CprNumbers.containsCprLike("x0101901234")).isTrue();
    }

    @Test
    void aCprNumberInsideALongerRunOfDigitsIsFound() {
        // a vendor id made of a CPR number and a sequence number
        assertThat(CprNumbers.containsCprLike("010190123401")).isTrue();
        assertThat(CprNumbers.containsCprLike("SAG-9901019012340")).isTrue();
        assertThat(CprNumbers.mask("id 010190123401 end")).isEqualTo("id ************ end");
        // long runs without a valid CPR date in them are ids, not CPR numbers
        assertThat(CprNumbers.containsCprLike("TP2025000123456")).isFalse();
        // a whole fixed-width CPR record line
        assertThat(CprNumbers.mask("00101019012340101901234")).doesNotContain("0101901234");
    }

    /**
     * The check reads the digits where they stand, without a regular expression or a date object: on 300,000
     * strings shaped like CPR numbers and nearly so (every day, month, century digit and hyphen position, letters,
     * blanks, too short and too long), it gives the verdict of the rules as first written, word for word.
     */
    @Test
    void theCheckGivesTheVerdictOfTheRulesAsFirstWrittenOnEveryShape() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        String alphabet = "0123456789-- a\t\u00a0\u2003\u0663\uff13"; // blanks of all kinds, Arabic-Indic and full-width digits
        int invalid = 0;
        java.util.List<String> differ = new java.util.ArrayList<>();
        for (int n = 0; n < 300_000; n++) {
            StringBuilder s = new StringBuilder();
            if (r.nextInt(4) == 0) {
                int length = r.nextInt(14);
                for (int i = 0; i < length; i++) {
                    s.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
            } else {
                s.append(String.format(java.util.Locale.ROOT, "%02d%02d%02d", r.nextInt(100), r.nextInt(20), r.nextInt(100)));
                s.append(r.nextInt(3) == 0 ? "" : "-").append(String.format(java.util.Locale.ROOT, "%04d", r.nextInt(10_000)));
                if (r.nextInt(20) == 0) {
                    s.insert(r.nextInt(s.length() + 1), alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String raw = s.toString();
            LocalDate today = r.nextBoolean() ? TODAY : null;
            java.util.Optional<String> expected = asFirstWritten(raw, today);
            if (!CprNumbers.problem(raw, today).equals(expected)) {
                differ.add(raw + " " + today);
            }
            invalid += expected.isPresent() ? 1 : 0;
        }
        assertThat(differ).isEmpty();
        assertThat(invalid).as("both verdicts drawn often").isBetween(60_000, 270_000);
        // the 29th of February of 1900 (not a leap year) and of 2000 (one)
        for (String raw : new String[] {"290200-1234", "290200-4234", "2902001234", " 290200-4234\t", "290200\u20134234"}) {
            assertThat(CprNumbers.problem(raw, TODAY)).as(raw).isEqualTo(asFirstWritten(raw, TODAY));
        }
        assertThat(CprNumbers.problem("290200-1234", TODAY)).isPresent();
        assertThat(CprNumbers.problem("290200-4234", TODAY)).isEmpty();
    }

    /** {@link CprNumbers#problem(String, LocalDate)} as it was first written, with a regular expression and LocalDate.of. */
    private static java.util.Optional<String> asFirstWritten(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return java.util.Optional.of("CPR number is missing");
        }
        String s = raw.strip();
        if (!s.matches("\\d{6}-?\\d{4}")) {
            return java.util.Optional.of("CPR number must be 10 digits, DDMMYY-SSSS with optional hyphen");
        }
        String digits = s.replace("-", "");
        int day = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        if (day > 60) {
            day -= 60;
        }
        if (month < 1 || month > 12) {
            return java.util.Optional.of("CPR number has a month that does not exist");
        }
        if (day < 1 || day > 31) {
            return java.util.Optional.of("CPR number has a day that does not exist");
        }
        int yy = Integer.parseInt(digits.substring(4, 6));
        int seventh = digits.charAt(6) - '0';
        int year = seventh <= 3 ? 1900 + yy : seventh == 4 || seventh == 9 ? (yy <= 36 ? 2000 + yy : 1900 + yy) : yy <= 57 ? 2000 + yy : 1800 + yy;
        LocalDate born;
        try {
            born = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return java.util.Optional.of("CPR number has a birth date that does not exist (a day past the end of its month)");
        }
        if (today != null && born.isAfter(today)) {
            return java.util.Optional.of("CPR number gives a birth date in the future");
        }
        return java.util.Optional.empty();
    }
}
