// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.core.operations.ConfigurationView;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.operations.SourceFreshness;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.model.Indicator;

/**
 * The operator's and the inventory's templates: what a file name, a reason or a setting holds is text, never markup
 * (delivered files and configuration are not trusted), every table says what it is, and numbers and states read as words.
 */
class OperatorPagesTest {

    static final String HOSTILE = "<script>alert(1)</script>\"'&";
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static Delivery delivery(long id, Delivery.Status status) {
        return new Delivery(id, "dental", "Tandpleje", HOSTILE + ".csv", 123_456, status, 1_018, 1_000, 10, 5, 3, 400, 50_000, "sftp",
                status == Delivery.Status.REJECTED ? HOSTILE : null, NOW.minusSeconds(600), status == Delivery.Status.RUNNING ? null : NOW.minusSeconds(60),
                NOW.minusSeconds(5));
    }

    private static void assertSafe(String html) {
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    private static void assertEveryTableSaysWhatItIs(String html) {
        java.util.regex.Matcher tables = java.util.regex.Pattern.compile("<table([^>]*)>(<caption)?").matcher(html);
        int n = 0;
        while (tables.find()) {
            n++;
            assertThat(tables.group(1).contains("aria-labelledby=") || tables.group(2) != null).as("table " + tables.group(1)).isTrue();
        }
        assertThat(n).isPositive();
    }

    @Test
    void deliveriesAndTheirQuarantineAreEscapedCaptionedAndInDanish() {
        List<SourceFreshness> sources = List.of(new SourceFreshness("dental", "Tandpleje", Duration.ofDays(1), NOW.minus(Duration.ofDays(3)), null),
                new SourceFreshness("cpr", "CPR", Duration.ofDays(1), null, null));
        String list = Templates.render("deliveries", OperationsPages.deliveries(Texts.DA, sources, List.of(delivery(7, Delivery.Status.RUNNING),
                delivery(6, Delivery.Status.REJECTED)), null, NOW)).toString();
        assertSafe(list);
        assertEveryTableSaysWhatItIs(list);
        assertThat(list).contains("id=\"overdue\"").contains("Tandpleje (dental): ingen fuldført leverance i 3 dage")
                .contains("<progress max=\"100\" value=\"40\" id=\"progress-7\">").contains("id=\"running\"")
                .contains("<td class=\"num\">1.018</td>").contains("href=\"/app/deliveries/6#quarantine\">5</a>")
                .contains("<span class=\"status-rejected\">afvist</span>: &lt;script&gt;");

        List<QuarantinedLine> lines = List.of(new QuarantinedLine(41, 6, "dental", 12, HOSTILE, NOW, null, null),
                new QuarantinedLine(42, 6, "dental", 13, "bad date", NOW, NOW, 9L));
        String one = Templates.render("delivery", OperationsPages.delivery(Texts.DA, "tok\"en", delivery(6, Delivery.Status.COMPLETED), lines, NOW,
                "3 linjer")).toString();
        assertSafe(one);
        assertEveryTableSaysWhatItIs(one);
        assertThat(one).contains("value=\"tok&quot;en\"").contains("id=\"resolve\"").contains("rettet af leverance 9")
                .contains("aria-label=\"Vis indholdet af linje 12\"").contains("id=\"done\"");
        String none = Templates.render("delivery", OperationsPages.delivery(Texts.EN, "t", delivery(5, Delivery.Status.COMPLETED), List.of(), NOW,
                null)).toString();
        assertThat(none).contains("No quarantined lines.").doesNotContain("id=\"resolve\"").doesNotContain("id=\"done\"");
    }

    @Test
    void configurationMasksSecretsAndTheInventoryNamesEachSource() {
        ConfigurationView c = new ConfigurationView("dk.tidlig.store", "Database", HOSTILE, "config/dk.tidlig.store.cfg", List.of(
                new ConfigurationView.Setting("url", "Address", "Where the database is", HOSTILE, false),
                new ConfigurationView.Setting(".password", "Password", null, "hunter2", true)),
                List.of(new ConfigurationView.Change(NOW, "admin", "changed: url")));
        String page = Templates.render("configuration", OperationsPages.configuration(Texts.DA, List.of(), List.of(c))).toString();
        assertSafe(page);
        assertEveryTableSaysWhatItIs(page);
        assertThat(page).doesNotContain("hunter2").contains("(sat, skjult)").contains("id=\"config-dk.tidlig.store\"").contains("changed: url (admin)")
                .contains("Ingen adaptere kører.");

        DataInventory inv = new DataInventory(List.of(new DataInventory.Source("dental", "Tandpleje", HOSTILE, Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
                Set.of(DataCategory.values()[0]), "Forebyggelse")), 36, 24, List.of(new DataInventory.Retention("SCORE_RUNS", 24, "MONTHS")));
        String inventory = Templates.render("inventory", TransparencyPages.inventory(Texts.DA, inv)).toString();
        assertSafe(inventory);
        assertEveryTableSaysWhatItIs(inventory);
        assertThat(inventory).contains(Texts.DA.indicator(Indicator.CHILD_DENTAL_NO_SHOW)).contains(Texts.DA.get("inventory.retention.SCORE_RUNS"));
    }
}
