package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.connection.repository.AuditRecordEntity;
import io.dataflow.privatelink.connection.repository.AuditRecordRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leaves an audit record for every command, accepted or refused (and every request refused for want of
 * a valid token): who, when, what, on which cluster and connection, and how it ended. Written after the
 * command's own transaction; the command's event (with its author) is the record of an accepted
 * command should this write be lost to a crash in between.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PATH = Pattern.compile(
            "/v1beta1/clusters/([^/]+)/privateLinkConnections(?:/([^/:]+))?(:[A-Za-z]+)?");

    private final AuditRecordRepository records;
    private final CurrentCaller caller;

    AuditTrail(AuditRecordRepository records, CurrentCaller caller) {
        this.records = records;
        this.caller = caller;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean command = COMMANDS.contains(request.getMethod()) && path.startsWith("/v1beta1/");
        boolean unauthenticated = response.getStatus() == 401 && path.startsWith("/v1beta1/");
        if (!command && !unauthenticated) {
            return Uni.createFrom().voidItem();
        }
        Matcher m = PATH.matcher(path);
        AuditRecordEntity row = new AuditRecordEntity();
        row.at = Instant.now();
        row.subject = printable(subject());
        row.clusterId = m.matches() ? printable(m.group(1)) : null;
        row.target = m.matches() ? printable(m.group(2)) : null;
        row.action = request.getMethod() + " " + (m.matches() ? "/v1beta1/clusters/{clusterId}/privateLinkConnections"
                + (m.group(2) != null ? "/{privateLinkConnectionId}" : "") + (m.group(3) != null ? m.group(3) : "")
                : printable(path));
        row.httpStatus = response.getStatus();
        row.outcome = row.httpStatus < 300 ? "ACCEPTED" : "REFUSED";
        if (response.getEntity() instanceof ApiError error) {
            row.code = error.code();
            row.message = printable(error.message());
        }
        return Panache.withTransaction(() -> records.persist(row)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "Cannot write the audit record of %s by %s", row.action, row.subject);
                    return null;
                });
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
