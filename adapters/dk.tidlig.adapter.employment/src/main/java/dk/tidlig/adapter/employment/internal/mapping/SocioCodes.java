// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal.mapping;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dk.tidlig.model.Indicator;

/**
 * Which of Statistics Denmark's socio-economic codes give which indicator. The tables are configuration
 * (a municipality decides, for instance, whether disability pension counts as transfer income); codes in
 * neither table give nothing.
 *
 * @param unemployed     codes of unemployment periods
 * @param transferIncome codes of transfer-income periods
 */
public record SocioCodes(Set<String> unemployed, Set<String> transferIncome) {

    public SocioCodes {
        unemployed = Collections.unmodifiableSet(new LinkedHashSet<>(unemployed));
        transferIncome = Collections.unmodifiableSet(new LinkedHashSet<>(transferIncome));
        Set<String> both = new LinkedHashSet<>(unemployed);
        both.retainAll(transferIncome);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("socio-economic codes in both tables: " + both);
        }
    }

    /** Parses comma-separated code lists as they stand in the configuration. */
    public static SocioCodes parse(String unemployed, String transferIncome) {
        return new SocioCodes(codes(unemployed), codes(transferIncome));
    }

    private static Set<String> codes(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(code -> {
                if (!code.matches("\\d{3}")) {
                    throw new IllegalArgumentException("socio-economic codes are three digits: " + code);
                }
                out.add(code);
            });
        }
        return out;
    }

    /** The indicator a code gives, or null. */
    Indicator indicator(String code) {
        return unemployed.contains(code) ? Indicator.PARENT_UNEMPLOYED : transferIncome.contains(code) ? Indicator.PARENT_TRANSFER_INCOME : null;
    }
}
