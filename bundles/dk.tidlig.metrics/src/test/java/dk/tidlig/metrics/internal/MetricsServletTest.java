// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

/** The scrape token: long enough or not at all, compared whole. */
class MetricsServletTest {

    static MetricsConfig token(String token) {
        return new MetricsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsConfig.class;
            }

            @Override
            public String _scrapeToken() {
                return token;
            }
        };
    }

    @Test
    void theScrapeTokenIsAcceptedWholeAndOnlyAsABearerToken() {
        String t = "0123456789abcdefghijklmnopqrstuvwxyz";
        MetricsServlet servlet = new MetricsServlet(null, token(t));
        assertThat(servlet.bearerMatches("Bearer " + t)).isTrue();
        assertThat(servlet.bearerMatches("bearer " + t)).as("the scheme is case-insensitive").isTrue();
        assertThat(servlet.bearerMatches("Bearer " + t.substring(1))).isFalse();
        assertThat(servlet.bearerMatches("Bearer " + t + "0")).isFalse();
        assertThat(servlet.bearerMatches("Basic " + t)).isFalse();
        assertThat(servlet.bearerMatches(null)).isFalse();
        assertThat(servlet.bearerMatches("Bearer ")).isFalse();
    }

    @Test
    void aShortTokenOrNoneLetsNoBearerIn() {
        MetricsServlet shortToken = new MetricsServlet(null, token("guessable"));
        assertThat(shortToken.bearerMatches("Bearer guessable")).isFalse();
        MetricsServlet none = new MetricsServlet(null, token(""));
        assertThat(none.bearerMatches("Bearer ")).isFalse();
        assertThat(none.bearerMatches("Bearer x")).isFalse();
    }

    @Test
    void aMunicipalitysAdministratorSeesItsOwnMetersAndTheInstallationsNotAnothersMunicipalitys() {
        String scrape = String.join("\n",
                "# HELP tidlig_ingest_lines_total lines",
                "# TYPE tidlig_ingest_lines_total counter",
                "tidlig_ingest_lines_total{adapter=\"cpr\",municipality=\"159\",outcome=\"accepted\"} 10.0",
                "tidlig_ingest_lines_total{adapter=\"cpr\",municipality=\"160\",outcome=\"accepted\"} 7.0",
                "tidlig_ingest_lines_total{adapter=\"cpr\",municipality=\"1590\",outcome=\"accepted\"} 3.0",
                "jvm_threads_live_threads 42.0");
        String mine = PrometheusMetrics.forMunicipality(scrape, "159");
        assertThat(mine).contains("municipality=\"159\"").doesNotContain("municipality=\"160\"").doesNotContain("municipality=\"1590\"")
                .contains("jvm_threads_live_threads 42.0").contains("# TYPE tidlig_ingest_lines_total counter");
    }
}
