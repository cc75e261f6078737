// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * The pages' templates ({@code templates/*.mustache} beside this class), rendered with mustache.java: every
 * {@code {{value}}} is HTML-escaped; {@code {{{value}}}} inserts markup made by {@link Html} or {@link Svg}, which escape
 * what they are given, and nothing else.
 */
final class Templates {

    /** Templates and partials from this bundle's own resources, never from the thread's class loader (OSGi). */
    private static final MustacheFactory FACTORY = new DefaultMustacheFactory(name -> {
        InputStream in = Templates.class.getResourceAsStream("templates/" + name + (name.endsWith(".mustache") ? "" : ".mustache"));
        return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    });
    private static final ConcurrentHashMap<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /** The named template filled from the scope (maps, records and lists). */
    static Html render(String name, Object scope) {
        Mustache m = COMPILED.computeIfAbsent(name, n -> FACTORY.compile(n + ".mustache"));
        StringWriter out = new StringWriter(8192);
        try {
            // the form's problem, if any, is the outermost scope: every template and row can mark its field
            m.execute(out, new Object[] {FormProblems.FIELDS, scope}).flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return Html.trusted(out.toString());
    }
}
