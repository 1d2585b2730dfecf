package io.dataflow.privatelink.kit.logging;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the cluster and connection a request is about into the log context (MDC), so that every line logged
 * while serving it carries them ({@code clusterId}, {@code connectionId}); OpenTelemetry adds {@code traceId}
 * and {@code spanId}. The context belongs to the request (Quarkus keeps MDC on the request's Vert.x context).
 */
public class RequestLogContext {

    @ServerRequestFilter
    public void identify(UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getPathParameters();
        put(LogContext.CLUSTER_ID, params.getFirst("clusterId"));
        put(LogContext.CONNECTION_ID, params.getFirst("privateLinkConnectionId"));
    }

    private static void put(String key, String value) {
        if (value != null) {
            // a path parameter is caller input: bounded, and never a line break in a log line
            MDC.put(key, value.length() > 80 ? value.substring(0, 80) : value.replaceAll("[\\r\\n]", "?"));
        }
    }
}
