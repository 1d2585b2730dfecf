package io.dataflow.privatelink.contract;

/**
 * The tag keys this system puts on the cloud resources it makes (AWS tags; Alibaba Cloud, whose SDK on
 * Maven Central cannot tag endpoints, carries them in the endpoint's description): by them a worker finds
 * a resource it made again after a crash, and touches only resources of its own deployment.
 */
public final class ResourceTags {

    /** The connection the resource serves. */
    public static final String CONNECTION_ID = "dataflow-privatelink:connection-id";
    /** The deployment that made it: no other deployment in a shared account ever deletes it. */
    public static final String DEPLOYMENT_ID = "dataflow-privatelink:deployment-id";
    /** The cluster whose connection it serves (for people reading the console of the cloud). */
    public static final String CLUSTER_ID = "dataflow-privatelink:cluster-id";
    /** The attachment a private DNS zone serves. */
    public static final String ATTACH_DOMAIN_ID = "dataflow-privatelink:attach-domain-id";

    private ResourceTags() {
    }
}
