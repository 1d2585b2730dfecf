package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;



/**
 * {@code plc_connections{cloud, state}}: the connections users see, from the read model, read with one grouped
 * query every {@code plc.metrics.connections-interval} (never on the scrape). A state no connection is in
 * disappears from the page rather than staying at its last count.
 */
@ApplicationScoped
public class ConnectionCounts {

    private final ConnectionViewRepository views;
    private final MultiGauge gauge;

    ConnectionCounts(ConnectionViewRepository views, MeterRegistry registry) {
        this.views = views;
        this.gauge = MultiGauge.builder("plc.connections").description("Connections by cloud and state")
                .register(registry);
    }

    @Scheduled(every = "${plc.metrics.connections-interval}", delay = 2,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return Panache.withSession(views::countByTypeAndState)
                .invoke(rows -> gauge.register(rows.stream().map(row -> MultiGauge.Row.of(Tags.of(
                        "cloud", ((ConnectionType) row[0]).provider().name(),
                        "state", ((ConnectionState) row[1]).name()), ((Number) row[2]).doubleValue())).toList(), true))
                .replaceWithVoid()
                .onFailure().recoverWithNull(); // the database away: the last counts stand until it is back
    }

}
