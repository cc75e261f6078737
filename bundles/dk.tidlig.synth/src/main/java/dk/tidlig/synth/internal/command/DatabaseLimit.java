// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

/**
 * The database's own limit for a delivery: MariaDB's {@code LOAD DATA LOCAL INFILE} of the same files, one
 * row per line, into plain tables keyed by line number, on the same server and connection pool as tidlig's
 * ingest. What no ingest through JDBC can beat; the benchmark quotes tidlig's speed as a share of it.
 */
final class DatabaseLimit {

    /** The limit's measure: rows loaded and the seconds the loads took (creating and dropping the tables not counted). */
    record Result(long lines, double seconds) {
        double linesPerSecond() {
            return lines / Math.max(seconds, 0.001);
        }
    }

    private DatabaseLimit() {
    }

    static Result measure(DataSource ds, List<Path> files) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < files.size(); i++) {
                s.execute("DROP TABLE IF EXISTS " + table(i));
                // bytes as they stand in the file (no decoding), as tidlig's ingest reads every byte
                s.execute("CREATE TABLE " + table(i) + " (line_no BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, line MEDIUMBLOB NOT NULL) ENGINE=InnoDB");
            }
            try {
                long lines = 0;
                long start = System.nanoTime();
                for (int i = 0; i < files.size(); i++) {
                    // one column per line: fields end at a byte no export holds (backspace), lines at a line feed
                    lines += s.executeLargeUpdate("LOAD DATA LOCAL INFILE '" + quoted(files.get(i)) + "' INTO TABLE " + table(i)
                            + " CHARACTER SET binary FIELDS TERMINATED BY '\\b' ENCLOSED BY '' ESCAPED BY '' LINES TERMINATED BY '\\n' (line)");
                }
                return new Result(lines, (System.nanoTime() - start) / 1e9);
            } finally {
                for (int i = 0; i < files.size(); i++) {
                    s.execute("DROP TABLE IF EXISTS " + table(i));
                }
            }
        }
    }

    /** The server's buffer pool in MiB: what the figures of a run depend on most, beside the machine. */
    static long bufferPoolMb(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@innodb_buffer_pool_size")) {
            rs.next();
            return rs.getLong(1) / (1024 * 1024);
        }
    }

    private static String table(int i) {
        return "benchmark_limit_" + i;
    }

    private static String quoted(Path file) {
        return file.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'");
    }
}
