package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Records a reconcile outcome and announces it, in one transaction (store + outbox). */
@ApplicationScoped
public class OutcomeRecorder {

    private final ManagedEndpointRepository endpoints;
    private final OutboxWriter outbox;
    private final WorkerConfig config;
    private final Clock clock = Clock.systemUTC();

    OutcomeRecorder(ManagedEndpointRepository endpoints, OutboxWriter outbox, WorkerConfig config) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional
    public void record(ManagedEndpoint m, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.NONE || outcome.kind() == Outcome.Kind.RETRY_LATER) {
            return;
        }
        Instant now = now();
        endpoints.record(outcome, now);
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            announceDeleted(m.connectionId(), m.clusterId(), now);
        } else {
            outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED,
                    config.eventSource(), m.connectionId(), now,
                    new ConnectionStateChanged(m.connectionId(), m.clusterId(), outcome.state(), outcome.message(),
                            outcome.endpointId(), outcome.zoneIds(), now)));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announceDeleted(String connectionId, String clusterId, Instant now) {
        outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.CONNECTION_DELETED, config.eventSource(),
                connectionId, now, new ConnectionDeleted(connectionId, clusterId, now)));
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
