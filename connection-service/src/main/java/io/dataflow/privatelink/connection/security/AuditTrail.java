package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import javax.sql.DataSource;
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

    private final DataSource dataSource;
    private final CurrentCaller caller;

    AuditTrail(DataSource dataSource, CurrentCaller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean command = COMMANDS.contains(request.getMethod()) && path.startsWith("/v1beta1/");
        boolean unauthenticated = response.getStatus() == 401 && path.startsWith("/v1beta1/");
        if (!command && !unauthenticated) {
            return;
        }
        Matcher m = PATH.matcher(path);
        String cluster = m.matches() ? m.group(1) : null;
        String target = m.matches() ? m.group(2) : null;
        String action = request.getMethod() + " " + (m.matches() ? "/v1beta1/clusters/{clusterId}/privateLinkConnections"
                + (target != null ? "/{privateLinkConnectionId}" : "") + (m.group(3) != null ? m.group(3) : "") : path);
        String subject = subject();
        int status = response.getStatus();
        Integer code = response.getEntity() instanceof ApiError error ? error.code() : null;
        String message = response.getEntity() instanceof ApiError error ? error.message() : null;
        Runnable write = () -> insert(subject, action, cluster, target, status, code, message);
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(write);
        } else {
            write.run();
        }
    }

    private String subject() {
        try {
            return caller.subject();
        } catch (IllegalStateException | jakarta.enterprise.context.ContextNotActiveException e) {
            return null;
        }
    }

    private void insert(String subject, String action, String cluster, String target, int status, Integer code,
                        String message) {
        try {
            Jdbc.update(dataSource, """
                            INSERT INTO audit_record (at, subject, action, cluster_id, target, outcome, http_status,
                              code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    Instant.now(), subject, action, cluster, target, status < 300 ? "ACCEPTED" : "REFUSED", status,
                    code, message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot write the audit record of %s by %s", action, subject);
        }
    }
}
