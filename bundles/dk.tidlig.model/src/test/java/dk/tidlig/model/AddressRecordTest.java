// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class AddressRecordTest {

    /**
     * The dwelling's key is hashed into every household: the same address must give the same key as the key was first
     * written (a stream of the parts with a regular expression for the zeros), or every household would change.
     */
    @Test
    void theDwellingKeyIsWhatItWasFirstWrittenAsOnAddressesOfEveryShape() {
        String alphabet = "000123AtvTV \t\n\r\u0085\u2028\u2029\u00a0-æ\uD83D\uDE00";
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            AddressRecord a = new AddressRecord("0101901234", text(random, alphabet, 4), text(random, alphabet, 5), text(random, alphabet, 4),
                    random.nextInt(5) == 0 ? null : text(random, alphabet, 3), random.nextInt(5) == 0 ? null : text(random, alphabet, 4), null,
                    random.nextBoolean() ? null : "Bygaden 12", "2860", "Søborg");
            assertThat(a.dwellingKey()).isEqualTo(firstWritten(a));
            if (a.written() != null) {
                assertThat(a.written()).endsWith("(kommune " + a.municipalityCode().strip().replaceFirst("^0+(?=.)", "") + ")");
            }
        }
        AddressRecord plain = new AddressRecord("0101901234", "0159", "0042", "12a", "02", "tv", null, null, null, null);
        assertThat(plain.dwellingKey()).isEqualTo("159|42|12A|2|TV");
        AddressRecord zeros = new AddressRecord("0101901234", "000", "0", " 0 ", "00", null, null, null, null, null);
        assertThat(zeros.dwellingKey()).isEqualTo("0|0|0|0|");
    }

    /** Every text of up to four characters of zeros, a digit, every line terminator, a blank and a surrogate pair's halves. */
    @Test
    void leadingZerosGoAsTheRegularExpressionTookThemOnEveryShortText() {
        char[] alphabet = {'0', '1', '\n', '\r', '\u0085', '\u2028', '\u2029', ' ', '\uD83D', '\uDE00'};
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of(""));
        for (int length = 1; length <= 4; length++) {
            java.util.List<String> longer = new java.util.ArrayList<>();
            for (String t : texts) {
                if (t.length() == length - 1) {
                    for (char c : alphabet) {
                        longer.add(t + c);
                    }
                }
            }
            texts.addAll(longer);
        }
        assertThat(texts).hasSize(1 + 10 + 100 + 1_000 + 10_000);
        for (String t : texts) {
            assertThat(AddressRecord.withoutLeadingZeros(t)).as("%s", t.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(t.replaceFirst("^0+(?=.)", ""));
        }
    }

    @Test
    void leadingZerosGoButOneIsKeptWhereNothingElseWouldBe() {
        assertThat(AddressRecord.withoutLeadingZeros("")).isEmpty();
        assertThat(AddressRecord.withoutLeadingZeros("0")).isEqualTo("0");
        assertThat(AddressRecord.withoutLeadingZeros("000")).isEqualTo("0");
        assertThat(AddressRecord.withoutLeadingZeros("0042")).isEqualTo("42");
        assertThat(AddressRecord.withoutLeadingZeros("0A")).isEqualTo("A");
        assertThat(AddressRecord.withoutLeadingZeros("00\n")).isEqualTo("0\n");
        assertThat(AddressRecord.withoutLeadingZeros("420")).isEqualTo("420");
    }

    private static String text(Random random, String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(max + 1); n > 0; n--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** {@link AddressRecord#dwellingKey()} as first written. */
    private static String firstWritten(AddressRecord a) {
        return Stream.of(zeros(a.municipalityCode()), zeros(a.streetCode()), norm(a.houseNumber()), zeros(a.floor()), norm(a.door()))
                .collect(Collectors.joining("|"));
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }

    private static String zeros(String s) {
        return norm(s).replaceFirst("^0+(?=.)", "");
    }
}
