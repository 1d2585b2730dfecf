package io.dataflow.privatelink.kit.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds an exclusive lock on a table of the service's database until closed, from a connection of its own:
 * whatever in the service touches the table then waits, as behind a transaction that never ends.
 */
public final class TableLock implements AutoCloseable {

    private final Connection connection;

    private TableLock(Connection connection) {
        this.connection = connection;
    }

    /** Locks the table (ACCESS EXCLUSIVE: even reads wait) and returns once the lock is held. */
    public static TableLock exclusive(String table) {
        var config = ConfigProvider.getConfig();
        try {
            Connection connection = DriverManager.getConnection(
                    config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            return new TableLock(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock " + table, e);
        }
    }

    /** Ends the transaction: the lock goes, and what waited carries on. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
