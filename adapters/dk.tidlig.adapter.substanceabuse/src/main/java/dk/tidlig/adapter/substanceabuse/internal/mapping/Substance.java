// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dk.tidlig.model.DetailCode;

/**
 * The primary substance (Hovedstof), kept as the ICD-10 code of its mental and behavioural disorders
 * in SKS notation (DF10-DF19), the way the health sector codes substance use. The display text is the
 * export's name.
 */
enum Substance {
    ALCOHOL("Alkohol", "DF10"),
    HEROIN("Heroin", "DF11"),
    METHADONE("Metadon", "DF11"),
    OTHER_OPIOIDS("Andre opioider", "DF11"),
    CANNABIS("Cannabis", "DF12"),
    BENZODIAZEPINES("Benzodiazepiner", "DF13"),
    COCAINE("Kokain", "DF14"),
    AMPHETAMINE("Amfetamin", "DF15"),
    HALLUCINOGENS("Hallucinogener", "DF16"),
    SOLVENTS("Opløsningsmidler", "DF18"),
    SEVERAL("Flere stoffer", "DF19");

    /** The Danish names, in the order above. */
    static final List<String> DANISH;

    static {
        List<String> names = new ArrayList<>();
        for (Substance s : values()) {
            names.add(s.danish);
        }
        DANISH = Collections.unmodifiableList(names);
    }

    private final String danish;
    private final String sks;

    Substance(String danish, String sks) {
        this.danish = danish;
        this.sks = sks;
    }

    String danish() {
        return danish;
    }

    DetailCode detail() {
        return new DetailCode(DetailCode.SKS, sks, danish);
    }

    /** The substance whose Danish name this is, as {@code Row.oneOf} returned it. */
    static Substance ofDanish(String name) {
        for (Substance s : values()) {
            if (s.danish.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a substance");
    }

    /** The substance of an SKS detail: the one with its code and display, else the first with its code. */
    static Optional<Substance> of(DetailCode sksDetail) {
        Substance first = null;
        for (Substance s : values()) {
            if (s.sks.equals(sksDetail.code())) {
                if (s.danish.equalsIgnoreCase(String.valueOf(sksDetail.display()))) {
                    return Optional.of(s);
                }
                if (first == null) {
                    first = s;
                }
            }
        }
        return Optional.ofNullable(first);
    }
}
