// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.MariaDbDatabase;

/** The benchmark's processor times: this JVM's and, on this host, the database server's, each while it works. */
class CpuTimesTest {

    @Test
    void eachProcessIsSeenBusyWhileItWorksAndTheServerOnlyWhenItIsOnThisHost() throws Exception {
        try (TestDatabase db = TestDatabase.create("cpu")) {
            MariaDbDatabase database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, false);
            try {
                CpuTimes cpu = CpuTimes.of(database.dataSource());

                CpuTimes.Sample before = cpu.sample();
                try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT BENCHMARK(3000000, SHA2('tidlig', 256))")) {
                    rs.next(); // the server hashes for a second or so; this JVM waits
                }
                String serverWorked = cpu.sample().coresSince(before);

                before = cpu.sample();
                long sum = 0;
                for (long end = System.nanoTime() + 500_000_000L; System.nanoTime() < end;) {
                    sum += Long.numberOfTrailingZeros(System.nanoTime());
                }
                String jvmWorked = cpu.sample().coresSince(before);

                assertThat(cores(jvmWorked, "jvm")).as("this JVM, counting: " + sum).isGreaterThan(0.5);
                if (System.getenv(TestDatabase.ENV) == null) {
                    // the embedded server runs on this host as this user
                    assertThat(cores(serverWorked, "database")).as(serverWorked).isGreaterThan(0.5);
                    assertThat(cores(jvmWorked, "database")).as("the server idle meanwhile: " + jvmWorked).isLessThan(0.3);
                } else {
                    assertThat(serverWorked).as("a server elsewhere is left out, not counted as idle").doesNotContain("\"database\":0.00");
                }
            } finally {
                database.close();
            }
        }
    }

    private static double cores(String json, String process) {
        Matcher m = Pattern.compile("\"" + process + "\":([0-9.]+)").matcher(json);
        assertThat(m.find()).as(process + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
