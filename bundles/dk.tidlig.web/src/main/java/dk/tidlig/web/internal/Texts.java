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
        return args.length == 0 ? text : new MessageFormat(text, Locale.forLanguageTag(language)).format(args);
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
}
