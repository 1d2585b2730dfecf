package io.dataflow.privatelink.kit.logging;

/**
 * The keys of the log context (MDC) every service uses, so that a log search by connection or trace finds the
 * lines of all of them. {@code traceId} and {@code spanId} are the names OpenTelemetry's Quarkus extension gives
 * them on requests.
 */
public final class LogContext {

    public static final String CLUSTER_ID = "clusterId";
    public static final String CONNECTION_ID = "connectionId";
    public static final String ATTACH_DOMAIN_ID = "attachDomainId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private LogContext() {
    }
}
