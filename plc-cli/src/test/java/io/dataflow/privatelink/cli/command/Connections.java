package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.api.AlicloudEndpointService;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AwsEndpointService;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;

import java.time.Instant;
import java.util.List;

/** Connections (of cluster {@value #CLUSTER}) and attachments (of plc-1) as the API answers them. */
final class Connections {

    static final String CLUSTER = "10110";
    static final String AWS_SERVICE = EndpointServiceNames.AWS_EXAMPLE;
    static final String AWS_SERVICE_ID = "vpce-svc-0123456789abcdef0";
    static final String ALICLOUD_SERVICE = EndpointServiceNames.ALICLOUD_EXAMPLE;
    static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

    private Connections() {
    }

    static PrivateLinkConnection aws(String id, String name, ConnectionState state) {
        return aws(id, name, state, null, null, null);
    }

    /** @param endpointId null until the endpoint exists */
    static PrivateLinkConnection aws(String id, String name, ConnectionState state, String message, String endpointId,
                                     List<AttachDomain> attached) {
        return new PrivateLinkConnection(id, CLUSTER, name, state, message, "alice@example.com", CREATED, CREATED,
                ConnectionType.AWS_ENDPOINT_SERVICE, attached,
                new AwsEndpointService(AWS_SERVICE, "us-east-1", endpointId,
                        endpointId == null ? null : List.of("use1-az1", "use1-az2")),
                null);
    }

    static PrivateLinkConnection alicloud(String id, String name, ConnectionState state) {
        return new PrivateLinkConnection(id, CLUSTER, name, state, null, "alice@example.com", CREATED, CREATED,
                ConnectionType.ALICLOUD_ENDPOINT_SERVICE, null, null,
                new AlicloudEndpointService(ALICLOUD_SERVICE, null, null));
    }

    /** The same connection with the additive fields: why it FAILED, and the deadline while PENDING_ACCEPTANCE. */
    static PrivateLinkConnection with(PrivateLinkConnection c, FailureReason failureReason, Instant acceptanceDeadline) {
        return new PrivateLinkConnection(c.privateLinkConnectionId(), c.clusterId(), c.displayName(), c.state(),
                c.message(), c.createdBy(), c.createTime(), c.updateTime(), c.type(), c.attachedDomains(),
                c.awsEndpointService(), c.alicloudEndpointService(), failureReason, acceptanceDeadline);
    }

    static AttachDomain attachment(String attachDomainId, String type, String uniqueName, Domain... domains) {
        return new AttachDomain(attachDomainId, CLUSTER, "plc-1", type, uniqueName, List.of(domains),
                "alice@example.com", CREATED);
    }

    static Domain domain(String name, String state) {
        return new Domain(name, state, null);
    }
}
