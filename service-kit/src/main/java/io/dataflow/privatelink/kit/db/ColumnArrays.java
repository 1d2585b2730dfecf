package io.dataflow.privatelink.kit.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a multi-row write whose rows arrive as one text array per column ({@code ?1 … ?n}, cast and
 * {@code unnest}ed by the statement), in the current session: many rows in one statement and one round
 * trip, whatever their number (HQL has no form for it).
 */
public final class ColumnArrays {

    private ColumnArrays() {
    }

    /** The rows the statement changed. */
    public static Uni<Integer> executeUpdate(String sql, String[]... columns) {
        return Panache.getSession().chain(session -> {
            var statement = session.createNativeQuery(sql);
            for (int c = 0; c < columns.length; c++) {
                statement.setParameter(c + 1, columns[c]);
            }
            return statement.executeUpdate();
        });
    }
}
