// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal.mapping;

import java.util.Locale;

/** The kinds of appointment (Ydelse), as codes for the event's details. */
enum DentalService {
    EXAMINATION("Undersøgelse"),
    TREATMENT("Behandling"),
    ACUTE("Akut"),
    ORTHODONTICS("Tandregulering"),
    PREVENTION("Forebyggelse"),
    OTHER("Andet");

    static final String CODE_SYSTEM = "dental.service";
    private final String danish;

    DentalService(String danish) {
        this.danish = danish;
    }

    String danish() {
        return danish;
    }

    static DentalService of(String ydelse) {
        for (DentalService s : values()) {
            if (s.danish.toLowerCase(Locale.ROOT).equals(ydelse.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return OTHER;
    }
}
