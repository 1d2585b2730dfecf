package io.dataflow.privatelink.worker.messaging;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.kafka.KafkaTopicsConfig;
import io.dataflow.privatelink.kit.messaging.EventBatches;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.repository.ConnectivityTestRepository;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.service.OutcomeRecorder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;

/**
 * Takes the requests for this worker's provider off the request topic (channel
 * {@code connection-requests}), a poll's batch per transaction, and records them; the reconcile cycle
 * does the cloud work.
 */
@ApplicationScoped
public class ConnectionRequestListener {

    private final EventBatches batches;
    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final ConnectivityTestRepository tests;
    private final OutcomeRecorder recorder;
    private final EndpointCloud cloud;
    private final WorkerConfig config;
    private final String consumer;

    ConnectionRequestListener(EventBatches batches, ManagedEndpointRepository endpoints,
                              ManagedDomainRepository domains, OutcomeRecorder recorder, EndpointCloud cloud,
                              WorkerConfig config, KafkaTopicsConfig topics, ConnectivityTestRepository tests) {
        this.tests = tests;
        this.batches = batches;
        this.endpoints = endpoints;
        this.domains = domains;
        this.recorder = recorder;
        this.cloud = cloud;
        this.config = config;
        this.consumer = topics.consumerName();
    }

    @Incoming("connection-requests")
    public Uni<Void> onRecords(ConsumerRecords<String, String> records) {
        return batches.consume(consumer, records, this::apply);
    }

    private Uni<Void> apply(List<InboundEvent> events) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::apply)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(InboundEvent event) {
        Instant now = recorder.now();
        switch (event.type()) {
            case EventTypes.CONNECTION_REQUESTED -> {
                ConnectionRequested requested = event.payloadAs(ConnectionRequested.class);
                return requested.type().provider() != cloud.provider() ? Uni.createFrom().voidItem()
                        : endpoints.insertRequested(requested, now.plus(config.acceptanceTimeout()), now,
                        event.traceParent());
            }
            case EventTypes.CONNECTION_DELETION_REQUESTED -> {
                ConnectionDeletionRequested deletion = event.payloadAs(ConnectionDeletionRequested.class);
                if (deletion.type().provider() != cloud.provider()) {
                    return Uni.createFrom().voidItem();
                }
                return domains.markConnectionDetaching(deletion.connectionId(), now, event.traceParent())
                        .chain(() -> endpoints.markDeletionRequested(deletion.connectionId(), now, event.traceParent()))
                        // Never seen (its request was refused or lost): nothing to remove in the cloud.
                        .chain(known -> known ? Uni.createFrom().voidItem()
                                : recorder.announceDeleted(deletion.connectionId(), deletion.clusterId(), now, 1,
                                event.traceParent()));
            }
            case EventTypes.DOMAIN_ATTACH_REQUESTED -> {
                DomainAttachRequested attach = event.payloadAs(DomainAttachRequested.class);
                return attach.connectionType().provider() != cloud.provider() ? Uni.createFrom().voidItem()
                        : onAttach(attach, now, event.traceParent());
            }
            case EventTypes.DOMAIN_DETACH_REQUESTED -> {
                DomainDetachRequested detach = event.payloadAs(DomainDetachRequested.class);
                if (detach.connectionType().provider() != cloud.provider()) {
                    return Uni.createFrom().voidItem();
                }
                return domains.markDetachRequested(detach.attachDomainId(), now, event.traceParent())
                        .chain(known -> known ? Uni.createFrom().voidItem()
                        : recorder.announceDetached(detach.attachDomainId(), detach.connectionId(),
                        detach.clusterId(), now, 1, event.traceParent()));
            }
            case EventTypes.CONNECTIVITY_TEST_REQUESTED -> {
                ConnectivityTestRequested test = event.payloadAs(ConnectivityTestRequested.class);
                return test.type().provider() != cloud.provider() ? Uni.createFrom().voidItem()
                        : tests.insertRequested(test, event.traceParent());
            }
            default -> {
                // Not for workers.
                return Uni.createFrom().voidItem();
            }
        }
    }

    private Uni<Void> onAttach(DomainAttachRequested attach, Instant now, String traceParent) {
        List<Domain> creating = DomainAttachment.domainsIn(new DomainPlan(attach.zoneName(), attach.records()),
                DomainState.CREATING);
        return endpoints.findManaged(attach.connectionId()).chain(endpoint -> {
            if (endpoint.isEmpty()) {
                // The connection is already gone here: nothing to point the names at.
                return recorder.announceDetached(attach.attachDomainId(), attach.connectionId(), attach.clusterId(),
                        now, 1, traceParent);
            }
            ClusterPlacement placement = endpoint.get().request().placement();
            return domains.insertRequested(attach, placement.accountId(), placement.region(), placement.vpcId(), creating,
                            now, traceParent)
                    .chain(() -> endpoint.get().deletionRequested()
                            ? domains.markDetachRequested(attach.attachDomainId(), now, traceParent).replaceWithVoid()
                            : Uni.createFrom().voidItem());
        });
    }
}
