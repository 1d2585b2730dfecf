package io.dataflow.privatelink.worker.messaging;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.inbox.InboundEvents;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.worker.service.OutcomeRecorder;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes the requests for this worker's provider off the request topic (channel
 * {@code connection-requests}) and records them; the reconcile cycle does the cloud work.
 */
@ApplicationScoped
public class ConnectionRequestListener {

    private final InboundEvents inbound;
    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final OutcomeRecorder recorder;
    private final EndpointCloud cloud;
    private final WorkerConfig config;
    private final String consumerName;

    ConnectionRequestListener(InboundEvents inbound, ManagedEndpointRepository endpoints,
                              ManagedDomainRepository domains, OutcomeRecorder recorder,
                              EndpointCloud cloud, WorkerConfig config,
                              @ConfigProperty(name = "quarkus.application.name") String consumerName) {
        this.inbound = inbound;
        this.endpoints = endpoints;
        this.domains = domains;
        this.recorder = recorder;
        this.cloud = cloud;
        this.config = config;
        this.consumerName = consumerName;
    }

    @Incoming("connection-requests")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        inbound.handleOnce(consumerName, record, this::apply);
    }

    private void onAttach(DomainAttachRequested attach, Instant now) {
        List<Domain> creating = DomainAttachment.domainsIn(new DomainPlan(attach.zoneName(), attach.records()),
                DomainState.CREATING);
        Optional<ManagedEndpoint> endpoint = endpoints.find(attach.connectionId());
        if (endpoint.isEmpty()) {
            // The connection is already gone here: nothing to point the names at.
            recorder.announceDetached(attach.attachDomainId(), attach.connectionId(), attach.clusterId(), now);
            return;
        }
        ClusterPlacement placement = endpoint.get().request().placement();
        domains.insertRequested(attach, placement.region(), placement.vpcId(), creating, now);
        if (endpoint.get().deletionRequested()) {
            domains.markDetachRequested(attach.attachDomainId(), now);
        }
    }

    private void apply(CloudEvent event) {
        Instant now = recorder.now();
        switch (event.type()) {
            case EventTypes.CONNECTION_REQUESTED -> {
                ConnectionRequested requested = event.dataAs(ConnectionRequested.class);
                if (requested.type().provider() == cloud.provider()) {
                    endpoints.insertRequested(requested, now.plus(config.acceptanceTimeout()), now);
                }
            }
            case EventTypes.CONNECTION_DELETION_REQUESTED -> {
                ConnectionDeletionRequested deletion = event.dataAs(ConnectionDeletionRequested.class);
                if (deletion.type().provider() != cloud.provider()) {
                    return;
                }
                domains.markConnectionDetaching(deletion.connectionId(), now);
                if (!endpoints.markDeletionRequested(deletion.connectionId(), now)) {
                    // Never seen (its request was refused or lost): nothing to remove in the cloud.
                    recorder.announceDeleted(deletion.connectionId(), deletion.clusterId(), now);
                }
            }
            case EventTypes.DOMAIN_ATTACH_REQUESTED -> {
                DomainAttachRequested attach = event.dataAs(DomainAttachRequested.class);
                if (attach.connectionType().provider() == cloud.provider()) {
                    onAttach(attach, now);
                }
            }
            case EventTypes.DOMAIN_DETACH_REQUESTED -> {
                DomainDetachRequested detach = event.dataAs(DomainDetachRequested.class);
                if (detach.connectionType().provider() == cloud.provider()
                        && !domains.markDetachRequested(detach.attachDomainId(), now)) {
                    recorder.announceDetached(detach.attachDomainId(), detach.connectionId(), detach.clusterId(), now);
                }
            }
            default -> {
                // Not for workers.
            }
        }
    }
}
