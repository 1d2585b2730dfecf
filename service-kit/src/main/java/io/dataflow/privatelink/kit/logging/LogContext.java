package io.dataflow.privatelink.kit.logging;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keys of the log context (MDC) every service uses, so that a log search by connection or trace finds the
 * lines of all of them. {@code traceId} and {@code spanId} are the names OpenTelemetry's Quarkus extension gives
 * them on requests.
 */
public final class LogContext {

    public static final String CLUSTER_ID = "clusterId";
    public static final String CONNECTION_ID = "connectionId";
    public static final String ATTACH_DOMAIN_ID = "attachDomainId";
    /** The CloudEvent a line is about (a consumer's). */
    public static final String EVENT_ID = "eventId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private LogContext() {
    }

    /** Runs {@code work} with {@code values} added to the log context (null values left out), then restores it. */
    public static <T> T with(Map<String, String> values, Supplier<T> work) {
        Map<String, Object> before = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                before.put(key, MDC.put(key, value));
            }
        });
        try {
            return work.get();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
