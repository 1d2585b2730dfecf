package io.dataflow.privatelink.infra;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the embedded servers' own logging down to WARN.
 *
 * <p>The broker logs through SLF4J. On a Quarkus test classpath SLF4J is bound to JBoss LogManager
 * (slf4j-jboss-logmanager), which is java.util.logging underneath, so levels are set through JUL and,
 * when JBoss LogManager is present but not installed as the JUL manager, through its LogContext too.
 * Other SLF4J bindings (logback, ...) are left to their own configuration. A level already set is
 * kept, and Quarkus applies its {@code quarkus.log.category} settings later, at application start, so
 * an application can still turn these categories back up.
 */
final class QuietLogging {

    /** Broker categories. "org.apache.kafka" also covers clients; their INFO config dumps are noise in tests. */
    static final List<String> KAFKA = List.of("kafka", "state.change.logger", "org.apache.kafka");

    /** zonky's own start/stop chatter (PostgreSQL's output goes to a file, see EmbeddedPostgresServer). */
    static final List<String> ZONKY = List.of("io.zonky.test");

    // JUL keeps loggers weakly: hold them so the levels set here are not lost to GC.
    private static final Set<Logger> PINNED = new HashSet<>();

    private QuietLogging() {
    }

    static synchronized void warnOnly(List<String> categories) {
        for (String category : categories) {
            quiet(Logger.getLogger(category));
            Logger jboss = jbossLogger(category);
            if (jboss != null) {
                quiet(jboss);
            }
        }
    }

    /** Sets the level of the categories outright (e.g. OFF around an expected complaint). */
    static synchronized void set(List<String> categories, Level level) {
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(level);
            PINNED.add(logger);
            Logger jboss = jbossLogger(category);
            if (jboss != null) {
                jboss.setLevel(level);
                PINNED.add(jboss);
            }
        }
    }

    private static void quiet(Logger logger) {
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
        PINNED.add(logger);
    }

    private static Logger jbossLogger(String category) {
        try {
            Class<?> type = Class.forName("org.jboss.logmanager.Logger", false, QuietLogging.class.getClassLoader());
            Method getLogger = type.getMethod("getLogger", String.class);
            return (Logger) getLogger.invoke(null, category);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // JBoss LogManager not on the classpath
        }
    }
}
