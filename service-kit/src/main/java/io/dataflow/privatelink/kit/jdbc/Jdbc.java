package io.dataflow.privatelink.kit.jdbc;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small helpers for plain-JDBC repositories: statements with positional parameters (Instant and
 * List&lt;String&gt; mapped to timestamptz and text[]), inside whatever transaction the caller is in.
 */
public final class Jdbc {

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    public static int update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement statement = prepare(db, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed: " + firstLine(sql), e);
        }
    }

    public static <T> List<T> query(DataSource dataSource, RowMapper<T> mapper, String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement statement = prepare(db, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed: " + firstLine(sql), e);
        }
    }

    public static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof List<?> list) {
                statement.setArray(i + 1, db.createArrayOf("text", list.toArray()));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** A text[] column as an immutable list; null stays null. */
    public static List<String> textList(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
