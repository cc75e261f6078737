// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The kind of treatment (Behandlingstype), as codes for the event's details. */
enum TreatmentType {
    ALCOHOL("Alkohol"),
    DRUGS("Stoffer"),
    BOTH("Alkohol og stoffer");

    /** Detail code system of the kind of treatment (the synthetic generator uses the same). */
    static final String CODE_SYSTEM = "treatment";
    /** The Danish names, in the order above. */
    static final List<String> DANISH;

    static {
        List<String> names = new ArrayList<>();
        for (TreatmentType t : values()) {
            names.add(t.danish);
        }
        DANISH = Collections.unmodifiableList(names);
    }

    private final String danish;

    TreatmentType(String danish) {
        this.danish = danish;
    }

    String danish() {
        return danish;
    }

    /** The type whose Danish name this is, as {@code Row.oneOf} returned it. */
    static TreatmentType ofDanish(String name) {
        for (TreatmentType t : values()) {
            if (t.danish.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a treatment type");
    }
}
