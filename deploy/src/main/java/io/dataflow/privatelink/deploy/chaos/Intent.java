package io.dataflow.privatelink.deploy.chaos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the workload did to one connection and therefore what must be true of it at the end: the state
 * it must be in (or gone), and the attachments that must exist.
 */
final class Intent {

    enum Cloud { AWS, ALICLOUD }

    /** An attachment the workload made: its id, type, unique name, and whether it detached it again. */
    record Attachment(String attachDomainId, String type, String uniqueName, boolean detached) {
    }

    final int index;
    final Cloud cloud;
    final String idempotencyKey;
    volatile String connectionId;
    volatile String endpointId;
    /** ACTIVE, FAILED, PENDING_ACCEPTANCE, or null once deleted. */
    volatile String expectedState;
    volatile boolean deleted;
    final List<Attachment> attachments = new CopyOnWriteArrayList<>();
    /** Why the workload could not finish this connection's script (a violation), or null. */
    volatile String failure;

    Intent(int index, Cloud cloud, String idempotencyKey) {
        this.index = index;
        this.cloud = cloud;
        this.idempotencyKey = idempotencyKey;
    }

    String clusterEnv() {
        return cloud == Cloud.AWS ? "PLC_AWS_CLUSTER_ID" : "PLC_ALICLOUD_CLUSTER_ID";
    }

    List<Attachment> liveAttachments() {
        return deleted ? List.of() : attachments.stream().filter(a -> !a.detached()).toList();
    }
}
