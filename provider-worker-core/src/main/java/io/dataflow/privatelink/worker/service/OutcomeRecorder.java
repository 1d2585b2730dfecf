package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.worker.reconcile.DomainOutcome;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Records a reconcile outcome (endpoint or domain) and announces it, in one transaction (store + outbox). */
@ApplicationScoped
public class OutcomeRecorder {

    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final OutboxWriter outbox;
    private final WorkerConfig config;
    private final Clock clock = Clock.systemUTC();

    OutcomeRecorder(ManagedEndpointRepository endpoints, ManagedDomainRepository domains, OutboxWriter outbox,
                    WorkerConfig config) {
        this.endpoints = endpoints;
        this.domains = domains;
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

    @Transactional
    public void record(DomainOutcome outcome) {
        if (outcome.kind() == Outcome.Kind.NONE || outcome.kind() == Outcome.Kind.RETRY_LATER) {
            return;
        }
        Instant now = now();
        domains.record(outcome, now);
        ManagedDomain d = outcome.domain();
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            announceDetached(d.attachDomainId(), d.connectionId(), d.request().clusterId(), now);
        } else {
            outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.DOMAIN_STATE_CHANGED, config.eventSource(),
                    d.connectionId(), now, new DomainStateChanged(d.attachDomainId(), d.connectionId(),
                            d.request().clusterId(), outcome.state(), outcome.domains(), now)));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announceDetached(String attachDomainId, String connectionId, String clusterId, Instant now) {
        outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.DOMAIN_DETACHED, config.eventSource(),
                connectionId, now, new DomainDetached(attachDomainId, connectionId, clusterId, now)));
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
