// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.HashMap;

/**
 * A template's scope: the values a page puts in it, and every text of the user's language as
 * {@code {{t_key_with_underscores}}} (the text {@code ops.file} is {@code {{t_ops_file}}}: mustache reads a dot as a step
 * into a value). A text the template names but the language lacks fails the page loudly instead of printing nothing.
 * Rows and other nested scopes may be plain maps or records: mustache looks a text up here when they do not hold it.
 */
final class Scope extends HashMap<String, Object> {

    private static final long serialVersionUID = 1L;
    private static final String TEXT = "t_";
    private final transient Texts texts;

    Scope(Texts texts) {
        this.texts = texts;
    }

    /** Adds a value and answers this scope. */
    Scope with(String name, Object value) {
        put(name, value);
        return this;
    }

    @Override
    public boolean containsKey(Object key) {
        return super.containsKey(key) || isText(key);
    }

    @Override
    public Object get(Object key) {
        if (!super.containsKey(key) && isText(key)) {
            return texts.get(((String) key).substring(TEXT.length()).replace('_', '.'));
        }
        return super.get(key);
    }

    /** A row or other nested scope from names and values in turn; a value may be null (then the template's section is skipped). */
    static java.util.Map<String, Object> row(Object... namesAndValues) {
        java.util.Map<String, Object> row = new HashMap<>(namesAndValues.length);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static boolean isText(Object key) {
        return key instanceof String s && s.startsWith(TEXT) && s.length() > TEXT.length();
    }
}
