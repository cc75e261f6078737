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
            assertThat(problem).doesNotContain("3104").doesNotContain("1234").doesNotContain("0115");
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
}
