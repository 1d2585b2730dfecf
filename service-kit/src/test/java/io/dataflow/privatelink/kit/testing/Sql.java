package io.dataflow.privatelink.kit.testing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Looks into a service's database from its tests, through the same reactive session the service uses
 * (tests may call it from any thread; it waits for the answer).
 */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row, as a number (e.g. a count). */
    public static long count(String sql, Object... parameters) {
        Object value = single(sql, parameters);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The first column of the first row as text; null when there is no row. */
    public static String text(String sql, Object... parameters) {
        Object value = single(sql, parameters);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    public static Object single(String sql, Object... parameters) {
        List<Object> rows = (List<Object>) await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql);
                    for (int i = 0; i < parameters.length; i++) {
                        query.setParameter(i + 1, parameters[i]);
                    }
                    return query.getResultList();
                })));
        if (rows.isEmpty()) {
            return null;
        }
        Object row = rows.get(0);
        return row instanceof Object[] columns ? columns[0] : row;
    }

    /** The first column of every row, as text (null stays null). */
    @SuppressWarnings("unchecked")
    public static List<String> texts(String sql, Object... parameters) {
        List<Object> rows = (List<Object>) await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql);
                    for (int i = 0; i < parameters.length; i++) {
                        query.setParameter(i + 1, parameters[i]);
                    }
                    return query.getResultList();
                })));
        return rows.stream().map(row -> row instanceof Object[] columns ? columns[0] : row)
                .map(value -> value == null ? null : value.toString()).toList();
    }

    /** Every row, each as its columns. */
    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(String sql, Object... parameters) {
        List<Object> rows = (List<Object>) await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql, Object[].class);
                    for (int i = 0; i < parameters.length; i++) {
                        query.setParameter(i + 1, parameters[i]);
                    }
                    return query.getResultList();
                })));
        return rows.stream().map(row -> (Object[]) row).toList();
    }

    /** Runs a statement in a transaction of its own; returns the rows it changed. */
    public static int execute(String sql, Object... parameters) {
        return (Integer) await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        })));
    }

    /** A statement and its parameters ({@code ?1 … ?n}; a parameter may be null). */
    public record Statement(String sql, List<Object> parameters) {

        public Statement {
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }

        public Statement(String sql, Object... parameters) {
            this(sql, Arrays.asList(parameters));
        }
    }

    /** Runs the statements one after another in one transaction; returns the rows each changed. */
    @SuppressWarnings("unchecked")
    public static List<Integer> executeAll(List<Statement> statements) {
        return (List<Integer>) await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<List<Integer>> done = Uni.createFrom().item(new ArrayList<>());
            for (Statement statement : statements) {
                done = done.chain(counts -> {
                    var query = session.createNativeQuery(statement.sql());
                    for (int i = 0; i < statement.parameters().size(); i++) {
                        query.setParameter(i + 1, statement.parameters().get(i));
                    }
                    return query.executeUpdate().map(count -> {
                        counts.add(count);
                        return counts;
                    });
                });
            }
            return done;
        })));
    }

    private static Object await(java.util.function.Supplier<Uni<?>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get().map(v -> (Object) v));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
