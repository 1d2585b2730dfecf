package io.dataflow.privatelink.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server (zonky's embedded binaries, run as a child process) listening on localhost.
 *
 * <p>Layout of the directory given to {@link #start}: {@code pgdata/} (PGDATA, initialised once by
 * {@code initdb} and reused on later starts, so data survives restarts) and {@code postgres.log} (output
 * of initdb, pg_ctl and the server). Authentication is {@code trust} for the superuser
 * {@value #USERNAME}; the password is accepted but not checked.
 *
 * <p>Running as root: PostgreSQL refuses to. zonky then prefixes every {@code initdb}/{@code pg_ctl}
 * call with {@code unshare -U}, which runs it in a new user namespace where the process has no mapping
 * and appears as {@code nobody} (65534); files it writes are still owned by real root, and are seen as
 * owned by 65534 inside the namespace, so PostgreSQL's ownership checks pass. When unshare is not
 * usable (e.g. a seccomp profile forbids user namespaces) root cannot run PostgreSQL here and
 * {@link #start} fails with an explanation.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String HOST = "localhost";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final String PGDATA = "pgdata";
    private static final String LOG_FILE = "postgres.log";

    private EmbeddedPostgres postgres; // null for a non-owning handle (see SharedInfra); replaced by a restart
    private final Path dataDir;
    private final int port;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;
    private Map<String, String> serverConfig = Map.of();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, int port, Duration startupTime) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
        this.startupTime = startupTime;
        // PostgreSQL is a separate process: without this it would outlive a JVM that exits without close().
        this.shutdownHook = postgres == null ? null : new Thread(this::close, "embedded-postgres-stop-" + port);
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (initdb on first use, reused afterwards) and returns once it
     * accepts connections.
     *
     * @param port the port, 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with more server settings ({@code postgresql.conf} names and values). */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Map<String, String> serverConfig) {
        long begin = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        Path pgData = dir.resolve(PGDATA);
        Path log = dir.resolve(LOG_FILE);
        int actualPort = port == 0 ? Ports.freePort() : port;
        checkRootCanRunPostgres();
        QuietLogging.warnOnly(QuietLogging.ZONKY);
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(pgData);
            EmbeddedPostgres postgres = launch(pgData, actualPort, log, dir, serverConfig);
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir, actualPort, took);
            server.serverConfig = Map.copyOf(serverConfig);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            LOG.info("PostgreSQL ready on {}:{} in {} ms, data in {}", HOST, actualPort, took.toMillis(), dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dir, e);
        }
    }

    /**
     * Durable like production: every acknowledged commit is on disk (zonky's defaults, {@code -F} and
     * {@code synchronous_commit=off}, would lose the last commits to a crash of the server).
     */
    private static EmbeddedPostgres launch(Path pgData, int port, Path log, Path dir, Map<String, String> serverConfig) {
        // initdb/pg_ctl/postgres output goes to a file rather than through pipes into our log: quiet,
        // and a postmaster that outlives a crashed JVM does not write into a dead pipe.
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverConfig.forEach(builder::setServerConfig);
            return builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false) // keep data across restarts; initdb only the first time
                    .setPort(port)
                    .setServerConfig("fsync", "on") // after zonky's -F on the command line, so it wins
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setRegisterShutdownHook(false) // ours (below) is ordered with SharedInfra's cleanup
                    .setPGStartupWait(Duration.ofSeconds(60)) // zonky's 10 s is tight on a busy 2-core box
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start in " + dir + "; end of " + log + ":\n"
                    + tail(log, 20), e);
        }
    }

    /**
     * Kills the server as a crash would (SIGKILL to the postmaster and its backends): clients lose their
     * connections mid-statement, nothing is flushed. {@link #startAgain()} brings it back on the same port
     * and data, through crash recovery.
     */
    public synchronized void kill() {
        if (postgres == null) {
            throw new IllegalStateException("a handle cannot kill the server it does not own");
        }
        Path pidFile = dataDir.resolve(PGDATA).resolve("postmaster.pid");
        try {
            Optional<ProcessHandle> postmaster = Files.exists(pidFile)
                    ? readPid(pidFile).flatMap(ProcessHandle::of) : Optional.empty();
            postmaster.ifPresent(p -> {
                List<ProcessHandle> all = new java.util.ArrayList<>(p.descendants().toList());
                all.add(p);
                all.forEach(ProcessHandle::destroyForcibly);
                await("PostgreSQL pid " + p.pid() + " and its backends to die").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            });
            QuietLogging.set(QuietLogging.ZONKY, java.util.logging.Level.OFF); // zonky logs that it could not stop what is already dead
            postgres.close(); // releases zonky's lock on the data directory
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot kill PostgreSQL on port " + port, e);
        } finally {
            QuietLogging.set(QuietLogging.ZONKY, java.util.logging.Level.WARNING);
        }
        LOG.info("PostgreSQL on port {} killed", port);
    }

    /** Starts the server again after {@link #kill()}: same port, same data (crash recovery runs first). */
    public synchronized void startAgain() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        Path dir = dataDir;
        postgres = launch(dir.resolve(PGDATA), port, dir.resolve(LOG_FILE), dir, serverConfig);
        LOG.info("PostgreSQL on port {} started again", port);
    }

    /** A handle on a server owned elsewhere; {@link #close()} leaves that server running. */
    static EmbeddedPostgresServer handle(Path dataDir, int port, Duration startupTime) {
        return new EmbeddedPostgresServer(null, dataDir, port, startupTime);
    }

    /** A non-owning handle on this server. */
    EmbeddedPostgresServer handle() {
        return handle(dataDir, port, startupTime);
    }

    /**
     * Creates the database unless it exists (safe to call concurrently, also from other JVM class
     * loaders) and returns its JDBC URL, without credentials.
     *
     * @param name letters, digits and underscores; case is kept
     */
    public String createDatabaseIfAbsent(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Unsupported database name: " + name);
        }
        try (Connection connection = dataSource("postgres").getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\""); // name validated above
                    LOG.debug("Created database {}", name);
                } catch (SQLException e) {
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // lost a race: fine
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The reactive (Vert.x) client's URL of a database on this server, without credentials. */
    public String reactiveUrl(String database) {
        return "postgresql://" + HOST + ":" + port + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long {@link #start} took, including initdb on first use. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Leaves stopping PostgreSQL to the caller's own {@link #close()}: without this, its shutdown hook stops it
     * on JVM exit at the same time as every other hook, possibly before the processes that use it have stopped.
     * A caller that stops its clients first on exit (the local stack) takes this on.
     */
    public synchronized void stopOnlyWhenClosed() {
        if (shutdownHook != null && !closed) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}) and waits for it; data stays in the data directory.
     * Does nothing on a handle (from {@link SharedInfra}).
     */
    @Override
    public synchronized void close() {
        if (closed || postgres == null) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook); // false when already removed
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and will find closed == true
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL on port " + port, e);
        }
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USERNAME);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /**
     * PostgreSQL refuses to run as root; zonky works around it with {@code unshare -U} only when that
     * works. Fail early and clearly instead of with initdb's "cannot be run as root".
     */
    private static void checkRootCanRunPostgres() {
        if (!isRoot()) {
            return;
        }
        if (!io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("Running as root, and 'unshare -U' (user namespaces) is not usable here:"
                    + " PostgreSQL cannot run as root. Run as an unprivileged user, or allow user namespaces.");
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux: zonky handles other platforms its own way
        }
    }

    /**
     * A JVM killed without running its shutdown hooks leaves its postmaster running on the data
     * directory, and the next start would fail. zonky holds a file lock on the directory while it
     * owns the server, so if we can take that lock, a live postmaster recorded in postmaster.pid is an
     * orphan: stop it (SIGTERM = smart shutdown; its clients died with the old JVM).
     */
    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // stale pid file: PostgreSQL cleans it up itself
        }
        try (FileChannel channel = FileChannel.open(pgData.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + pgData + " is in use by another process");
            }
            ProcessHandle orphan = postmaster.get();
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", orphan.pid(), pgData);
            orphan.destroy();
            await("orphaned PostgreSQL pid " + orphan.pid() + " to exit")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !orphan.isAlive());
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + pgData + " is in use in this JVM", e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
