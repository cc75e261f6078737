// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.outreach.Outreach;

/** Every text of the interface in both languages, every code of a fixed list in words, every text a valid message format. */
class TextsTest {

    private static Properties load(String language) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("messages_" + language + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyTextIsInDanishAndEnglishAndIsAValidMessage() throws Exception {
        Properties da = load("da");
        Properties en = load("en");
        Set<String> danishOnly = new TreeSet<>(da.stringPropertyNames());
        danishOnly.removeAll(en.stringPropertyNames());
        // the citizen's letter is Danish whatever the officer's language
        // … and core's problems are shown in English as core words them
        assertThat(danishOnly).allMatch(k -> k.startsWith("letter.") || k.startsWith("core.problem."));
        Set<String> englishOnly = new TreeSet<>(en.stringPropertyNames());
        englishOnly.removeAll(da.stringPropertyNames());
        assertThat(englishOnly).isEmpty();
        for (String k : da.stringPropertyNames()) {
            new MessageFormat(da.getProperty(k), Locale.forLanguageTag("da"));
        }
        for (String k : en.stringPropertyNames()) {
            // an apostrophe in English text must be doubled, or MessageFormat swallows what follows
            String formatted = new MessageFormat(en.getProperty(k), Locale.ENGLISH).format(new Object[] {1, 2, 3, 4, 5, 6, 7});
            assertThat(formatted).as(k).doesNotContain("{");
        }
    }

    @Test
    void everyProblemCoreNamesIsInDanishAndReadsInBothLanguages() {
        for (dk.tidlig.core.InvalidRequestException.Problem p : dk.tidlig.core.InvalidRequestException.Problem.values()) {
            dk.tidlig.core.InvalidRequestException e = new dk.tidlig.core.InvalidRequestException(p, "X1", "X2", "X3");
            assertThat(Texts.DA.problem(e)).as(p.name()).doesNotContain("{").isNotEqualTo(e.getMessage());
            assertThat(Texts.EN.problem(e)).as(p.name()).doesNotContain("{").endsWith(".");
        }
        dk.tidlig.core.InvalidRequestException note = new dk.tidlig.core.InvalidRequestException(
                dk.tidlig.core.InvalidRequestException.Problem.NOTE_TOO_LONG, 2000);
        assertThat(Texts.DA.problem(note)).isEqualTo("Et notat er højst 2.000 tegn.");
        assertThat(Texts.EN.problem(note)).isEqualTo("A note is at most 2,000 characters.");
    }

    @Test
    void everyCodeOfTheFixedListsHasItsWords() {
        for (Texts t : new Texts[] {Texts.DA, Texts.EN}) {
            for (Action a : Action.values()) {
                assertThat(AuditPage.action(t, a.name())).as(a.name()).isNotEqualTo(a.name());
            }
            for (Outreach.State s : Outreach.State.values()) {
                assertThat(t.state(s)).isNotBlank();
            }
            for (Outreach.Channel c : Outreach.Channel.values()) {
                assertThat(t.get("channel." + c.name())).isNotBlank();
            }
            for (Outreach.DisputeReason r : Outreach.DisputeReason.values()) {
                assertThat(t.get("dispute.reason." + r.name())).isNotBlank();
            }
            for (Outreach.DeclineReason r : Outreach.DeclineReason.values()) {
                assertThat(t.get("decline.reason." + r.name())).isNotBlank();
            }
            for (Outreach.Purpose p : Outreach.Purpose.values()) {
                assertThat(t.get("purpose." + p.name())).isNotBlank();
            }
            // why the legal basis refused, in words a caseworker reads, naming the file the municipality's IT mends
            for (dk.tidlig.core.LegalBasisException.Reason r : dk.tidlig.core.LegalBasisException.Reason.values()) {
                String text = t.get("error.legal." + r.name(), "scoring refused: the English detail");
                assertThat(text).as(r.name()).doesNotContain("{").doesNotContain("''");
                if (r != dk.tidlig.core.LegalBasisException.Reason.OTHER) {
                    assertThat(text).as(r.name()).contains("config/").doesNotContain("the English detail");
                }
            }
        }
        assertThat(Texts.EN.get("error.legal.NOT_IN_FORCE", "x")).contains("municipality's IT");
        assertThat(Rules.basis(Texts.DA, "1500 once")).isEqualTo("1.500 point én gang");
        assertThat(Rules.basis(Texts.DA, "300 per occurrence, at most 3")).isEqualTo("300 point pr. gang, højst 3 gange");
        assertThat(Rules.basis(Texts.DA, "500 per year × 1.25 year (456 days in the window)")).isEqualTo("500 point pr. år × 1,25 år (456 dage i perioden)");
        assertThat(Rules.basis(Texts.EN, "1500 once")).isEqualTo("1,500 points once");
    }

    @Test
    void everyTextATemplateNamesIsInBothLanguagesAndAMisspeltOneFailsThePage() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/dk/tidlig/web/internal/templates");
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("\\{\\{[#^/]?(t_[A-Za-z0-9_]+)\\}\\}");
        Set<String> named = new TreeSet<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                name.matcher(java.nio.file.Files.readString(f)).results().forEach(m -> named.add(m.group(1)));
            }
        }
        assertThat(named).as("templates name their texts").hasSizeGreaterThan(100);
        for (Texts t : new Texts[] {Texts.DA, Texts.EN}) {
            Scope scope = new Scope(t);
            for (String n : named) {
                assertThat(scope.get(n)).as(n + " in " + t.language()).isNotNull();
            }
        }
        assertThat(new Scope(Texts.DA).get("t_ops_file")).isEqualTo("Fil");
        assertThat(new Scope(Texts.EN).with("t_ops_file", "mine").get("t_ops_file")).as("a value the page puts comes first").isEqualTo("mine");
        assertThat(new Scope(Texts.DA).containsKey("no_text")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Scope(Texts.DA).get("t_no_such_text"))
                .isInstanceOf(java.util.MissingResourceException.class);
    }
}
