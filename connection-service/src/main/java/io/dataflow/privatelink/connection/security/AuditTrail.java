package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.connection.repository.AuditRecordEntity;
import io.dataflow.privatelink.connection.repository.AuditRecordRepository;
import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.dataflow.privatelink.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leaves an audit record for every command, accepted or refused: who, when, what, on which cluster and
 * connection, and how it ended. A request refused for want of a valid token is counted per source and
 * minute ({@link UnauthenticatedRequests}), not recorded one row each. An accepted
 * command's record is written in the command's own transaction, so the two commit together; a refusal's
 * is written after the response is decided, in a transaction of its own.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PATH = Pattern.compile(
            "/v1beta1/clusters/([^/]+)/privateLinkConnections(?:/([^/:]+))?(:[A-Za-z]+)?");
    /** Marks a request whose accepted command was audited in its transaction. */
    private static final String AUDITED_IN_TRANSACTION = AuditTrail.class.getName() + ".audited";

    private final AuditRecordRepository records;
    private final CurrentCaller caller;
    private final CurrentVertxRequest currentRequest;
    private final UnauthenticatedRequests unauthenticatedRequests;

    AuditTrail(AuditRecordRepository records, CurrentCaller caller, CurrentVertxRequest currentRequest,
               UnauthenticatedRequests unauthenticatedRequests) {
        this.records = records;
        this.caller = caller;
        this.currentRequest = currentRequest;
        this.unauthenticatedRequests = unauthenticatedRequests;
    }

    /**
     * The ACCEPTED record of the current request's command, to be written in the command's transaction
     * ({@link #recordAccepted}), so that it commits or rolls back with the command; null when there is no
     * request or its record was taken already (once per request). Call on the request's context.
     */
    public AuditRecordEntity acceptedCommandRecord() {
        RoutingContext request = currentRequest.getCurrent();
        if (request == null || request.get(AUDITED_IN_TRANSACTION) != null) {
            return null;
        }
        request.put(AUDITED_IN_TRANSACTION, true);
        return row(request.request().method().name(), request.normalizedPath(), 200, null);
    }

    /** Inside the accepted commands' transaction: their records, in one statement. */
    public Uni<Void> recordAccepted(List<AuditRecordEntity> accepted) {
        return accepted.isEmpty() ? Uni.createFrom().voidItem() : records.insertAll(accepted);
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean command = COMMANDS.contains(request.getMethod()) && path.startsWith("/v1beta1/");
        if (response.getStatus() == 401 && path.startsWith("/v1beta1/")) {
            unauthenticatedRequests.count(sourceAddress(), Instant.now());
            return Uni.createFrom().voidItem();
        }
        if (!command || (response.getStatus() < 300 && auditedInTransaction())) {
            return Uni.createFrom().voidItem();
        }
        AuditRecordEntity row = row(request.getMethod(), path, response.getStatus(),
                response.getEntity() instanceof ApiError error ? error : null);
        return Panache.withTransaction(() -> records.persist(row)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    // A refusal changed nothing; with the database out of reach its record cannot be kept
                    // (a line per request, not a stack trace: an outage is expected, not a bug).
                    if (TransientFailures.isTransient(e)) {
                        LOG.warnf("Cannot write the audit record of %s %d by %s: %s", row.action, row.httpStatus,
                                row.subject, e.toString());
                    } else {
                        LOG.errorf(e, "Cannot write the audit record of %s by %s", row.action, row.subject);
                    }
                    return null;
                });
    }

    private String sourceAddress() {
        RoutingContext request = currentRequest.getCurrent();
        return request == null || request.request().remoteAddress() == null ? null
                : request.request().remoteAddress().hostAddress();
    }

    private boolean auditedInTransaction() {
        RoutingContext request = currentRequest.getCurrent();
        return request != null && request.get(AUDITED_IN_TRANSACTION) != null;
    }

    private AuditRecordEntity row(String method, String path, int status, ApiError error) {
        Matcher m = PATH.matcher(path);
        AuditRecordEntity row = new AuditRecordEntity();
        row.at = Instant.now();
        row.subject = printable(subject());
        row.clusterId = m.matches() ? printable(m.group(1)) : null;
        row.target = m.matches() ? printable(m.group(2)) : null;
        row.action = method + " " + (m.matches() ? "/v1beta1/clusters/{clusterId}/privateLinkConnections"
                + (m.group(2) != null ? "/{privateLinkConnectionId}" : "") + (m.group(3) != null ? m.group(3) : "")
                : printable(path));
        row.httpStatus = status;
        row.outcome = status < 300 ? "ACCEPTED" : "REFUSED";
        if (error != null) {
            row.code = error.code();
            row.message = printable(error.message());
        }
        return row;
    }

    private String subject() {
        try {
            return caller.subject();
        } catch (IllegalStateException | jakarta.enterprise.context.ContextNotActiveException e) {
            return null;
        }
    }

    /** PostgreSQL text cannot hold NUL; a path or token may carry one, and the record must still be written. */
    private static String printable(String value) {
        return value == null ? null : value.replace('\0', '?');
    }
}
