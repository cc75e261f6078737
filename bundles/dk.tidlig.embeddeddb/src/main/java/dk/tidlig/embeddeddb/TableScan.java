// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads every cell of every table of a database and looks for strings in it: text columns as text,
 * binary columns both as UTF-8 and as ISO-8859-1. For tests that prove personal data is not stored in
 * clear, or is gone after an erasure.
 */
public final class TableScan {

    /**
     * @param cells  how many non-null cells were read
     * @param places "table.column" for each needle found, with the needle's index (never the needle itself)
     */
    public record Result(long cells, List<String> places) {
    }

    private TableScan() {
    }

    public static Result find(Connection c, Collection<String> needles) throws SQLException {
        return find(c, needles, List.of());
    }

    /** As {@link #find(Connection, Collection)}, leaving out the named tables. */
    public static Result find(Connection c, Collection<String> needles, Collection<String> exceptTables) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            while (rs.next()) {
                if (!exceptTables.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        List<String> wanted = List.copyOf(needles);
        List<String> places = new ArrayList<>();
        long cells = 0;
        for (String t : tables) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM `" + t + "`")) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        int type = meta.getColumnType(i);
                        boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
                        List<String> texts = new ArrayList<>(2);
                        if (binary) {
                            byte[] raw = rs.getBytes(i);
                            if (raw != null) {
                                texts.add(new String(raw, StandardCharsets.UTF_8));
                                texts.add(new String(raw, StandardCharsets.ISO_8859_1));
                            }
                        } else if (rs.getString(i) != null) {
                            texts.add(rs.getString(i));
                        }
                        if (texts.isEmpty()) {
                            continue;
                        }
                        cells++;
                        for (int n = 0; n < wanted.size(); n++) {
                            String needle = wanted.get(n);
                            if (texts.stream().anyMatch(x -> x.contains(needle))) {
                                places.add(t + "." + meta.getColumnName(i) + " holds needle " + n);
                            }
                        }
                    }
                }
            }
        }
        return new Result(cells, places);
    }
}
