package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.FailureReason;

import java.time.Instant;
import java.util.List;

/** The API's {@code PrivateLinkConnection}: field names exactly as in the public contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivateLinkConnection(
        String privateLinkConnectionId,
        String clusterId,
        String displayName,
        ConnectionState state,
        String message,
        String createdBy,
        Instant createTime,
        Instant updateTime,
        ConnectionType type,
        List<AttachDomain> attachedDomains,
        AwsEndpointService awsEndpointService,
        AlicloudEndpointService alicloudEndpointService,
        /* additive: why the connection FAILED, a stable code beside the message */
        FailureReason failureReason,
        /* additive: while PENDING_ACCEPTANCE, when the endpoint is removed unless the service's owner accepts */
        Instant acceptanceDeadline,
        /* additive: the connection's last connectivity test (get only), running or done */
        ConnectivityTest connectivityTest) {

    /** A connection as before connectivity tests (no test shown). */
    public PrivateLinkConnection(String privateLinkConnectionId, String clusterId, String displayName,
                                 ConnectionState state, String message, String createdBy, Instant createTime,
                                 Instant updateTime, ConnectionType type, List<AttachDomain> attachedDomains,
                                 AwsEndpointService awsEndpointService,
                                 AlicloudEndpointService alicloudEndpointService, FailureReason failureReason,
                                 Instant acceptanceDeadline) {
        this(privateLinkConnectionId, clusterId, displayName, state, message, createdBy, createTime, updateTime, type,
                attachedDomains, awsEndpointService, alicloudEndpointService, failureReason, acceptanceDeadline, null);
    }

    /** A connection that has neither failed nor waits for acceptance (the two additive fields absent). */
    public PrivateLinkConnection(String privateLinkConnectionId, String clusterId, String displayName,
                                 ConnectionState state, String message, String createdBy, Instant createTime,
                                 Instant updateTime, ConnectionType type, List<AttachDomain> attachedDomains,
                                 AwsEndpointService awsEndpointService,
                                 AlicloudEndpointService alicloudEndpointService) {
        this(privateLinkConnectionId, clusterId, displayName, state, message, createdBy, createTime, updateTime, type,
                attachedDomains, awsEndpointService, alicloudEndpointService, null, null, null);
    }

    public PrivateLinkConnection withUpdateTime(Instant time) {
        return new PrivateLinkConnection(privateLinkConnectionId, clusterId, displayName, state, message, createdBy,
                createTime, time, type, attachedDomains, awsEndpointService, alicloudEndpointService, failureReason,
                acceptanceDeadline, connectivityTest);
    }

    /** The same connection with these attached domains, as the get operation shows it. */
    public PrivateLinkConnection withAttachedDomains(List<AttachDomain> domains) {
        return new PrivateLinkConnection(privateLinkConnectionId, clusterId, displayName, state, message, createdBy,
                createTime, updateTime, type, domains, awsEndpointService, alicloudEndpointService, failureReason,
                acceptanceDeadline, connectivityTest);
    }

    /** The same connection showing its last connectivity test (null: none). */
    public PrivateLinkConnection withConnectivityTest(ConnectivityTest test) {
        return new PrivateLinkConnection(privateLinkConnectionId, clusterId, displayName, state, message, createdBy,
                createTime, updateTime, type, attachedDomains, awsEndpointService, alicloudEndpointService,
                failureReason, acceptanceDeadline, test);
    }

    /** The same connection without its attached domains, as the list operation shows it. */
    public PrivateLinkConnection withoutAttachedDomains() {
        return new PrivateLinkConnection(privateLinkConnectionId, clusterId, displayName, state, message, createdBy,
                createTime, updateTime, type, null, awsEndpointService, alicloudEndpointService, failureReason,
                acceptanceDeadline, connectivityTest);
    }
}
