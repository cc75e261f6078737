// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class EvidenceExportTest {

    /** What a data-loss scanner (and the distribution's tests) take for a CPR number. */
    static final Pattern CPR_LIKE = Pattern.compile("(?<![0-9])\\d{6}-?\\d{4}(?![0-9])");

    record Figures(double auc, Double ratio, double nan, int children) {
    }

    @Test
    void theExportedFiguresHaveSixSignificantDigitsAndNoTenDigitFraction() throws Exception {
        // a double that prints with exactly ten digits after the point, as a precision of 1011/... once did
        assertThat(Double.toString(0.0123456789)).matches("0\\.\\d{10}");
        String json = EvidenceExport.FIGURES.writeValueAsString(new Figures(0.0123456789, 1.6666666666666667, Double.NaN, 60_000));
        assertThat(json).isEqualTo("{\"auc\":0.0123457,\"ratio\":1.66667,\"nan\":\"NaN\",\"children\":60000}");
        assertThat(CPR_LIKE.matcher(json).find()).isFalse();
        assertThat(EvidenceExport.significant(0.5)).isEqualTo("0.5");
        assertThat(EvidenceExport.significant(1234567.0)).isEqualTo("1234570");
    }
}
