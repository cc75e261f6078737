// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.LegalBasisException;

public class LegalBasisComponentTest {

    static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    public static LegalBasisComponent.Config config(String id, String from, String until) {
        return config(id, from, until, false);
    }

    public static LegalBasisComponent.Config config(String id, String from, String until, boolean synthetic) {
        return config(id, from, until, synthetic, false);
    }

    public static LegalBasisComponent.Config config(String id, String from, String until, boolean synthetic, boolean lottery) {
        return new LegalBasisComponent.Config() {
            public Class<? extends Annotation> annotationType() {
                return LegalBasisComponent.Config.class;
            }

            public String id() {
                return id;
            }

            public String title() {
                return id.isEmpty() ? "" : "Bekendtgørelse om tidlig opsporing";
            }

            public String reference() {
                return id.isEmpty() ? "" : "BEK nr. 1 af 1. januar 2026";
            }

            public String inForceFrom() {
                return from;
            }

            public String inForceUntil() {
                return until;
            }

            public boolean syntheticDataOnly() {
                return synthetic;
            }

            public boolean namesLottery() {
                return lottery;
            }
        };
    }

    @Test
    void withoutABasisScoringIsRefusedWithDirections() {
        LegalBasisComponent gate = new LegalBasisComponent(config("", "", ""), NOV_2026);
        assertThat(gate.configured()).isEmpty();
        assertThatThrownBy(() -> gate.require("scoring")).isInstanceOf(LegalBasisException.class)
                .satisfies(e -> assertThat(((LegalBasisException) e).reason()).isEqualTo(LegalBasisException.Reason.NONE_CONFIGURED))
                .hasMessage("scoring refused: no legal basis is configured. Configure it in config/dk.tidlig.legalbasis.cfg "
                        + "(see the README, \"Legal basis\").");
    }

    @Test
    void aBasisOutsideItsDatesIsRefused() {
        assertThatThrownBy(() -> new LegalBasisComponent(config("BEK-1", "2027-01-01", ""), NOV_2026).require("re-identification"))
                .hasMessageStartingWith("re-identification refused: the legal basis 'BEK-1' is not in force on 2026-11-22 (it applies from 2027-01-01)")
                .satisfies(e -> assertThat(((LegalBasisException) e).reason()).isEqualTo(LegalBasisException.Reason.NOT_IN_FORCE));
        assertThatThrownBy(() -> new LegalBasisComponent(config("BEK-1", "2025-01-01", "2026-06-30"), NOV_2026).require("scoring"))
                .hasMessageContaining("until 2026-06-30");
    }

    @Test
    void aBasisInForceIsReturned() throws LegalBasisException {
        assertThat(new LegalBasisComponent(config("BEK-1", "2026-01-01", ""), NOV_2026).require("scoring").id()).isEqualTo("BEK-1");
    }

    @Test
    void anIncompleteBasisIsRefused() {
        assertThatThrownBy(() -> new LegalBasisComponent(config("BEK-1", "1/1/2026", ""), NOV_2026).require("scoring"))
                .hasMessageContaining("has a date that is not yyyy-MM-dd")
                .satisfies(e -> assertThat(((LegalBasisException) e).reason()).isEqualTo(LegalBasisException.Reason.BAD_DATE));
    }

    @Test
    void aBasisForSyntheticDataHoldsOnlyInTheDemosOwnHome() throws LegalBasisException {
        LegalBasisComponent.Config demo = config("DEMO-SYNTHETIC", "2000-01-01", "", true);
        assertThat(new LegalBasisComponent(demo, NOV_2026, true).require("scoring").syntheticOnly()).isTrue();
        LegalBasisComponent copied = new LegalBasisComponent(demo, NOV_2026, false);
        assertThatThrownBy(() -> copied.require("scoring")).isInstanceOf(LegalBasisException.class).hasMessageContaining("synthetic test data only")
                .satisfies(e -> assertThat(((LegalBasisException) e).reason()).isEqualTo(LegalBasisException.Reason.SYNTHETIC_ONLY));
        assertThatThrownBy(() -> copied.require("re-identification")).isInstanceOf(LegalBasisException.class);
    }
}
