package io.dataflow.privatelink.contract;

import io.dataflow.privatelink.contract.api.AlicloudEndpointService;
import io.dataflow.privatelink.contract.api.AwsEndpointService;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;

import java.time.Instant;
import java.util.List;

/**
 * Everything known about one connection at one moment: the aggregate connection-service keeps, the
 * row domain-service projects, and (later) the integration stream's record. One shape for all of them
 * keeps the services from drifting apart.
 */
public record ConnectionSnapshot(
        String connectionId,
        String clusterId,
        String displayName,
        ConnectionType type,
        String serviceName,
        String serviceRegion,
        ConnectionState state,
        String message,
        String endpointId,
        List<String> azIds,
        String createdBy,
        Instant createTime,
        Instant updateTime,
        /* why, when FAILED (null otherwise, and in snapshots written before the field existed) */
        FailureReason failureReason,
        /* when PENDING_ACCEPTANCE: when the endpoint is removed unless the owner accepts */
        Instant acceptanceDeadline) {

    /** A snapshot that has neither failed nor waits for acceptance. */
    public ConnectionSnapshot(String connectionId, String clusterId, String displayName, ConnectionType type,
                              String serviceName, String serviceRegion, ConnectionState state, String message,
                              String endpointId, List<String> azIds, String createdBy, Instant createTime,
                              Instant updateTime) {
        this(connectionId, clusterId, displayName, type, serviceName, serviceRegion, state, message, endpointId, azIds,
                createdBy, createTime, updateTime, null, null);
    }

    /** The API representation, without attached domains (the caller adds them where the API shows them). */
    public PrivateLinkConnection toApi() {
        boolean aws = type == ConnectionType.AWS_ENDPOINT_SERVICE;
        return new PrivateLinkConnection(connectionId, clusterId, displayName, state, message, createdBy, createTime,
                updateTime, type, null,
                aws ? new AwsEndpointService(serviceName, serviceRegion, endpointId, azIds) : null,
                aws ? null : new AlicloudEndpointService(serviceName, endpointId, azIds), failureReason,
                acceptanceDeadline);
    }
}
