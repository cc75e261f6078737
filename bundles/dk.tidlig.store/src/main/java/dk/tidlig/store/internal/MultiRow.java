// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A statement that takes many rows at once: {@code head}, then one {@code tuple} per row separated by commas, then
 * {@code tail}; for example {@code INSERT INTO t (a, b) VALUES} + {@code (?,?)} + {@code ON DUPLICATE KEY UPDATE …}, or
 * {@code UPDATE t SET … WHERE tenant=? AND k IN (} + {@code ?} + {@code )}. The server parses and plans one statement
 * for up to {@link #ROWS} rows instead of one per row, which is what a JDBC batch of single-row statements costs it
 * (the driver sends those as separate queries): about three times the rows per second for keyed upserts. The rows
 * take effect in list order, as they would in a batch, so a later row for the same key wins.
 *
 * @param head  the statement up to the first row
 * @param tuple one row's parameters (and expressions), in parentheses where the statement needs them
 * @param tail  the statement after the last row; empty when nothing follows
 */
record MultiRow(String head, String tuple, String tail) {

    /** Rows per statement at most: big enough that the server's cost per statement does not count, small enough for any packet limit. */
    static final int ROWS = 1_000;

    /** Binds one row's parameters from {@code index} on and returns the next index. */
    @FunctionalInterface
    interface Binder<T> {
        int bind(PreparedStatement ps, int index, T row) throws SQLException;
    }

    /** Binds the parameters before the rows (the statement's own, as a tenant) and returns the next index. */
    @FunctionalInterface
    interface Leading {
        int bind(PreparedStatement ps) throws SQLException;

        Leading NONE = ps -> 1;
    }

    /** Executes the statement for all rows, {@link #ROWS} at a time, in the caller's transaction; nothing for no rows. */
    <T> void execute(Connection c, List<T> rows, Binder<? super T> binder) throws SQLException {
        execute(c, rows, Leading.NONE, binder);
    }

    /** As {@link #execute(Connection, List, Binder)}, with parameters before the rows bound by {@code leading}. */
    <T> void execute(Connection c, List<T> rows, Leading leading, Binder<? super T> binder) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS) {
            List<T> part = rows.subList(from, Math.min(rows.size(), from + ROWS));
            try (PreparedStatement ps = c.prepareStatement(sql(part.size()))) {
                int i = leading.bind(ps);
                for (T row : part) {
                    i = binder.bind(ps, i, row);
                }
                ps.executeUpdate();
            }
        }
    }

    /** The statement for {@code rows} rows. */
    String sql(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a statement needs at least one row");
        }
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + 2 + rows * (tuple.length() + 1));
        sql.append(head).append(' ').append(tuple);
        for (int i = 1; i < rows; i++) {
            sql.append(',').append(tuple);
        }
        if (!tail.isEmpty()) {
            sql.append(' ').append(tail);
        }
        return sql.toString();
    }
}
