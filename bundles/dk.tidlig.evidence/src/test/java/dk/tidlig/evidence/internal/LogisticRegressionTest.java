// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void theCoefficientsOfSimulatedDataAreFoundAndAPenaltyShrinksThem() {
        Random r = new Random(42);
        int n = 20_000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextDouble() < 0.3 ? 1 : 0;
            double z = -2.0 + 0.8 * x[i][0] + 1.5 * x[i][1];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 0);
        assertThat(fit.intercept()).isCloseTo(-2.0, within(0.1));
        assertThat(fit.coefficients()[0]).isCloseTo(0.8, within(0.06));
        assertThat(fit.coefficients()[1]).isCloseTo(1.5, within(0.1));
        LogisticRegression.Fit shrunk = LogisticRegression.fit(x, y, 5000);
        assertThat(Math.abs(shrunk.coefficients()[0])).isLessThan(Math.abs(fit.coefficients()[0]));
        assertThat(Math.abs(shrunk.coefficients()[1])).isLessThan(Math.abs(fit.coefficients()[1]));
    }

    @Test
    void anOutcomeNobodyHadCannotBeFitted() {
        assertThatThrownBy(() -> LogisticRegression.fit(new double[][] {{1}, {2}}, new boolean[] {false, false}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 of 2");
    }
}
