// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.FamilyRole;

/** The application's texts in Danish (default) or English. */
public final class Texts {

    public static final Texts DA = new Texts("da");
    public static final Texts EN = new Texts("en");

    private final String language;
    private final ResourceBundle bundle;

    private Texts(String language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle("dk.tidlig.web.internal.messages", Locale.forLanguageTag(language), Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Texts of(String language) {
        return "en".equals(language) ? EN : DA;
    }

    public String language() {
        return language;
    }

    public String get(String key, Object... args) {
        String text = bundle.getString(key);
        // always a message format, also without arguments, so that a text reads the same whether or not it has any
        return new MessageFormat(text, Locale.forLanguageTag(language)).format(args);
    }

    public String indicator(Indicator i) {
        return "en".equals(language) ? i.englishLabel() : i.danishLabel();
    }

    public String role(FamilyRole r) {
        return "en".equals(language) ? r.englishLabel() : r.danishLabel();
    }

    public String state(State s) {
        return get("state." + s.name());
    }

    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Copenhagen");

    /** The language's locale for numbers and dates. */
    public Locale locale() {
        return Locale.forLanguageTag("en".equals(language) ? "en-GB" : "da-DK");
    }

    /** A count with the language's thousands separator: 1.018 in Danish, 1,018 in English. */
    public String number(long n) {
        return java.text.NumberFormat.getIntegerInstance(locale()).format(n);
    }

    /** A day as people write it: "1. december 2026" in Danish, "1 December 2026" in English; "–" for none. */
    public String date(java.time.LocalDate day) {
        return day == null ? "–" : java.time.format.DateTimeFormatter.ofPattern("en".equals(language) ? "d MMMM yyyy" : "d. MMMM yyyy", locale())
                .format(day);
    }

    /** A moment in Copenhagen time: "4. december 2026 13.05" in Danish, "4 December 2026 13:05" in English; "–" for none. */
    public String when(java.time.Instant at) {
        return at == null ? "–" : java.time.format.DateTimeFormatter.ofPattern("en".equals(language) ? "d MMMM yyyy HH:mm" : "d. MMMM yyyy HH.mm",
                locale()).withZone(ZONE).format(at);
    }

    /** The time of day of a moment in Copenhagen time: "13.05" in Danish, "13:05" in English. */
    public String time(java.time.Instant at) {
        return at == null ? "–" : java.time.format.DateTimeFormatter.ofPattern("en".equals(language) ? "HH:mm" : "HH.mm", locale()).withZone(ZONE).format(at);
    }

    /** The day of a moment in Copenhagen time, as {@link #date}. */
    public String day(java.time.Instant at) {
        return at == null ? "–" : date(at.atZone(ZONE).toLocalDate());
    }

    /** What core says is wrong with a request, in this language: English is core's own text, Danish {@code core.problem.<NAME>}. */
    public String problem(dk.tidlig.core.InvalidRequestException e) {
        if ("en".equals(language)) {
            String m = e.getMessage();
            return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
        }
        return get("core.problem." + e.problem().name(), e.values());
    }
}
