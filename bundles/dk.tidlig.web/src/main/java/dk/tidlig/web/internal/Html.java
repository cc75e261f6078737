// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.Collection;

/**
 * Rendered HTML, and the one way pages are made: {@link #of(String, Object...)} fills each {@code {}} of
 * a template with a value, <b>escaped</b> unless the value is itself rendered {@code Html} (or a
 * collection of it). There is no way to insert a string unescaped, so a page cannot output a value
 * it forgot to escape.
 */
public final class Html {

    public static final Html EMPTY = new Html("");
    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /**
     * @param template HTML with a {@code {}} for each value; written by the programmer, never from input
     */
    public static Html of(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 64 * values.length);
        int from = 0;
        for (Object value : values) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("more values than {} in the template");
            }
            out.append(template, from, at);
            append(out, value);
            from = at + 2;
        }
        if (template.indexOf("{}", from) >= 0) {
            throw new IllegalArgumentException("fewer values than {} in the template");
        }
        return new Html(out.append(template, from, template.length()).toString());
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof Html h) {
            out.append(h.markup);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                append(out, o);
            }
        } else if (value != null) {
            escape(out, value.toString());
        }
    }

    /** Markup from a template engine that escapes by default ({@link Templates}); never from input. */
    static Html trusted(String markup) {
        return new Html(markup);
    }

    /** Escapes for text and for attribute values in double quotes. */
    static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
    }

    @Override
    public String toString() {
        return markup;
    }
}
