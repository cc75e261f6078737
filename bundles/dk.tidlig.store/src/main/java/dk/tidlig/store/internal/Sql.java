// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.PersonId;

/** Small JDBC helpers for nullable values and pseudonyms. */
final class Sql {
    private Sql() {
    }

    static void date(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, d);
        }
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static void string(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
        ps.setTimestamp(i, Timestamp.from(t));
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static PersonId pid(ResultSet rs, String column) throws SQLException {
        return PersonId.of(rs.getBytes(column));
    }

    static String placeholders(int n) {
        return "?" + ",?".repeat(Math.max(0, n - 1));
    }

    /** The most values of one IN (…) list. */
    static final int PART = 1000;

    /** A list in consecutive parts of at most {@link #PART} (views, not copies): one IN (…) list per statement. */
    static <T> List<List<T>> parts(List<T> all) {
        return parts(all, PART);
    }

    /** A list in consecutive parts of at most {@code size} (views, not copies). */
    static <T> List<List<T>> parts(List<T> all, int size) {
        List<List<T>> out = new java.util.ArrayList<>((all.size() + size - 1) / size);
        for (int from = 0; from < all.size(); from += size) {
            out.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return out;
    }
}
