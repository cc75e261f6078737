// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Who notified (Underretter): the export's categories, as codes for the event's details. */
enum Notifier {
    SCHOOL("Skole"),
    DAYCARE("Dagtilbud"),
    HEALTH("Sundhedsvæsen"),
    POLICE("Politi"),
    MUNICIPALITY("Kommunal forvaltning"),
    CITIZEN("Borger"),
    OTHER("Anden");

    /** Detail code system of the notifier category (the synthetic generator uses the same). */
    static final String CODE_SYSTEM = "notifier";
    /** The Danish names, in the order above. */
    static final List<String> DANISH;

    static {
        List<String> names = new ArrayList<>();
        for (Notifier n : values()) {
            names.add(n.danish);
        }
        DANISH = Collections.unmodifiableList(names);
    }

    private final String danish;

    Notifier(String danish) {
        this.danish = danish;
    }

    String danish() {
        return danish;
    }

    /** The notifier whose Danish name this is, as {@code Row.oneOf} returned it. */
    static Notifier ofDanish(String name) {
        for (Notifier n : values()) {
            if (n.danish.equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("not a notifier category");
    }

    /** The notifier of a code, OTHER for an unknown code. */
    static Notifier ofCode(String code) {
        for (Notifier n : values()) {
            if (n.name().equals(code)) {
                return n;
            }
        }
        return OTHER;
    }
}
