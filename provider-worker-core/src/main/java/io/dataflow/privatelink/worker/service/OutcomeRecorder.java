package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.reconcile.DomainOutcome;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedDomainEntity;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.repository.ManagedEndpointEntity;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.repository.ShardLeaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records a reconcile outcome (endpoint or domain) and announces it, in the caller's transaction (store +
 * outbox). Each announcement carries the row's version, one more than the last, so readers keep the
 * newest report whatever order reports reach them in.
 */
@ApplicationScoped
public class OutcomeRecorder {

    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final OutboxWriter outbox;
    private final WorkerConfig config;
    private final ShardLeaseRepository leases;
    private final Clock clock = Clock.systemUTC();

    OutcomeRecorder(ManagedEndpointRepository endpoints, ManagedDomainRepository domains, OutboxWriter outbox,
                    WorkerConfig config, ShardLeaseRepository leases) {
        this.leases = leases;
        this.endpoints = endpoints;
        this.domains = domains;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Records the outcome of a pass of the instance holding {@code held}; refused (false, nothing written)
     * when the connection's shard is no longer held at the epoch the pass started with: another instance
     * owns it now, and only the owner writes. The announcement goes under the trace {@code traceParent}.
     */
    public Uni<Boolean> record(ManagedEndpoint m, Outcome outcome, HeldShards held, String traceParent) {
        if (!outcome.kind().writes()) {
            return Uni.createFrom().item(true);
        }
        return endpoints.findById(m.connectionId()).chain(row -> row == null
                ? Uni.createFrom().item(true) // removed meanwhile: nothing left to announce
                : leases.stillHeld(held, row.shard).chain(owned -> owned
                        ? record(m, outcome, row, traceParent).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Void> record(ManagedEndpoint m, Outcome outcome, ManagedEndpointEntity row, String traceParent) {
        Instant now = now();
        row.version++;
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            long version = row.version;
            return endpoints.delete(row).chain(() -> announceDeleted(m.connectionId(), m.clusterId(), now, version,
                    traceParent));
        }
        row.state = outcome.state();
        row.message = outcome.message();
        row.endpointId = outcome.endpointId();
        row.azIds = outcome.zoneIds();
        row.updatedAt = now;
        if (outcome.acceptanceRequired() != null) {
            row.acceptanceRequired = outcome.acceptanceRequired();
        }
        return outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED,
                config.eventSource(), m.connectionId(), now,
                new ConnectionStateChanged(m.connectionId(), m.clusterId(), outcome.state(), outcome.message(),
                        outcome.endpointId(), outcome.zoneIds(), now, row.version,
                        outcome.state() == ConnectionState.FAILED ? outcome.failureReason() : null,
                        acceptanceDeadline(outcome, row))), traceParent);
    }

    /** While the connection waits for its owner: when its endpoint is removed unless accepted (expire()). */
    private static Instant acceptanceDeadline(Outcome outcome, ManagedEndpointEntity row) {
        return outcome.state() == ConnectionState.PENDING_ACCEPTANCE && !Boolean.FALSE.equals(row.acceptanceRequired)
                ? row.acceptDeadline : null;
    }

    /** As {@link #record(ManagedEndpoint, Outcome, HeldShards, String)}, for an attachment. */
    public Uni<Boolean> record(DomainOutcome outcome, HeldShards held, String traceParent) {
        if (!outcome.kind().writes()) {
            return Uni.createFrom().item(true);
        }
        return domains.findById(outcome.domain().attachDomainId()).chain(row -> row == null
                ? Uni.createFrom().item(true)
                : leases.stillHeld(held, row.shard).chain(owned -> owned
                        ? record(outcome, row, traceParent).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Void> record(DomainOutcome outcome, ManagedDomainEntity row, String traceParent) {
        Instant now = now();
        ManagedDomain d = outcome.domain();
        row.version++;
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            long version = row.version;
            return domains.delete(row).chain(() -> announceDetached(d.attachDomainId(), d.connectionId(),
                    d.request().clusterId(), now, version, traceParent));
        }
        row.state = outcome.state();
        row.domains = outcome.domains();
        row.zoneId = outcome.zoneId();
        row.updatedAt = now;
        return outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.DOMAIN_STATE_CHANGED,
                config.eventSource(), d.connectionId(), now, new DomainStateChanged(d.attachDomainId(),
                        d.connectionId(), d.request().clusterId(), outcome.state(), outcome.domains(), now,
                        row.version)), traceParent);
    }

    public Uni<Void> announceDetached(String attachDomainId, String connectionId, String clusterId, Instant now,
                                      long version, String traceParent) {
        return outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.DOMAIN_DETACHED, config.eventSource(),
                connectionId, now, new DomainDetached(attachDomainId, connectionId, clusterId, now, version)),
                traceParent);
    }

    public Uni<Void> announceDeleted(String connectionId, String clusterId, Instant now, long version,
                                     String traceParent) {
        return outbox.append(config.stateTopic(), CloudEvent.of(EventTypes.CONNECTION_DELETED, config.eventSource(),
                connectionId, now, new ConnectionDeleted(connectionId, clusterId, now, version)), traceParent);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
