// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The processor time this process and the database server have used, so that the benchmark can say which of the two a
 * step kept busy: on 2 cores an ingest whose database uses most of a core while the JVM uses half of one waits on the
 * one connection's statements, not on the processors. The server's time is known when it runs on this host and its
 * process can be seen (the embedded database, or a server of the same user); otherwise it is left out. The whole
 * machine's busy time (Linux's {@code /proc/stat}) says besides how much else ran on the shared machine meanwhile: its
 * cores less those of the two processes.
 */
final class CpuTimes {

    private final ProcessHandle database;

    private CpuTimes(ProcessHandle database) {
        this.database = database;
    }

    /** The database server's process found by its pid file, when it is on this host and can be seen. */
    static CpuTimes of(DataSource ds) {
        return new CpuTimes(serverProcess(ds).orElse(null));
    }

    private static Optional<ProcessHandle> serverProcess(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@pid_file, @@datadir, @@hostname")) {
            if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
            }
            if (!java.net.InetAddress.getLocalHost().getHostName().equalsIgnoreCase(rs.getString(3))) {
                return Optional.empty(); // another host's process ids say nothing here
            }
            Path pidFile = Path.of(rs.getString(2)).resolve(rs.getString(1));
            if (!Files.isReadable(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(p -> p.info().totalCpuDuration().isPresent());
        } catch (SQLException | java.io.IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Both processes' processor time now, and the machine's. */
    Sample sample() {
        Duration jvm = ProcessHandle.current().info().totalCpuDuration().orElse(null);
        Duration db = database == null ? null : database.info().totalCpuDuration().orElse(null);
        return new Sample(System.nanoTime(), jvm, db, machineBusy());
    }

    /** Ticks of a second in {@code /proc/stat} (Linux's USER_HZ, 100 on every architecture it runs on here). */
    private static final int USER_HZ = 100;

    /**
     * The time every processor of the machine has been busy since it started: the first line of {@code /proc/stat} less its
     * idle and I/O wait; null where there is no such file.
     */
    static Duration machineBusy() {
        try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/stat"))) {
            String line = in.readLine();
            if (line == null || !line.startsWith("cpu ")) {
                return null;
            }
            String[] f = line.substring(4).strip().split("\\s+");
            long busy = 0;
            for (int i = 0; i < Math.min(f.length, 8); i++) { // user nice system idle iowait irq softirq steal
                if (i != 3 && i != 4) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return Duration.ofMillis(busy * 1000 / USER_HZ);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Processor times at one moment; null where unknown. */
    record Sample(long nanos, Duration jvm, Duration db, Duration machine) {

        /**
         * What was used since the earlier sample, as a JSON member: {@code "cores":{"jvm":0.52,"database":0.83,"machine":1.41}},
         * the processor seconds of each divided by the seconds that passed; empty when none is known.
         */
        String coresSince(Sample earlier) {
            return coresSince(earlier, "cores");
        }

        /** As {@link #coresSince(Sample)}, the member named {@code name}. */
        String coresSince(Sample earlier, String name) {
            double seconds = Math.max(1e-3, (nanos - earlier.nanos) / 1e9);
            StringBuilder json = new StringBuilder();
            if (jvm != null && earlier.jvm != null) {
                json.append(String.format(Locale.ROOT, "\"jvm\":%.2f", jvm.minus(earlier.jvm).toNanos() / 1e9 / seconds));
            }
            if (db != null && earlier.db != null) {
                json.append(json.length() > 0 ? "," : "").append(String.format(Locale.ROOT, "\"database\":%.2f",
                        db.minus(earlier.db).toNanos() / 1e9 / seconds));
            }
            if (machine != null && earlier.machine != null) {
                json.append(json.length() > 0 ? "," : "").append(String.format(Locale.ROOT, "\"machine\":%.2f",
                        machine.minus(earlier.machine).toNanos() / 1e9 / seconds));
            }
            return json.length() == 0 ? "" : ",\"" + name + "\":{" + json + "}";
        }
    }
}
