package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a query until this service has projected the event named in {@link ReadYourWrites#MIN_EVENT_HEADER}
 * (the caller's latest command), so that it answers with the caller's own writes. Waits at most
 * {@code plc.read-your-writes.max-wait}; after that it answers with what it has (and logs the lag).
 */
@ApplicationScoped
public class ReadYourWritesFilter {

    private static final Logger LOG = Logger.getLogger(ReadYourWritesFilter.class);
    private static final String CONSUMER = "domain-service";
    private static final long CHECK_NANOS = Duration.ofMillis(5).toNanos();

    private final DataSource dataSource;
    private final Duration maxWait;

    ReadYourWritesFilter(DataSource dataSource, DomainServiceConfig config) {
        this.dataSource = dataSource;
        this.maxWait = config.readYourWrites().maxWait();
    }

    @ServerRequestFilter
    public Uni<Response> awaitProjection(ContainerRequestContext request) {
        String eventId = request.getHeaderString(ReadYourWrites.MIN_EVENT_HEADER);
        if (eventId == null || eventId.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().<Response>item(() -> {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!projected(eventId)) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("Event %s not projected within %s; answering without it", eventId, maxWait);
                    break;
                }
                LockSupport.parkNanos(CHECK_NANOS);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private boolean projected(String eventId) {
        return !Jdbc.query(dataSource, rs -> true,
                "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?", CONSUMER, eventId).isEmpty();
    }
}
