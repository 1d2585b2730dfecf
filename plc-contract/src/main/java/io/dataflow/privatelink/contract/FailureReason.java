package io.dataflow.privatelink.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a connection is FAILED: a stable, machine-readable code beside the human {@code message} (the wire
 * {@code state} stays TiDB Cloud's enum). Each says what a user would do differently; new codes may be added,
 * so readers treat an unknown one as {@link #ENDPOINT_FAILED}.
 */
public enum FailureReason {
    /** Pre-flight: the endpoint service does not exist, or does not allow the platform account to see it. */
    SERVICE_NOT_VISIBLE,
    /** Pre-flight: the endpoint service is in another region than the one asked for. */
    SERVICE_IN_ANOTHER_REGION,
    /** Pre-flight: the endpoint service offers none of the cluster's availability zones. */
    NO_SHARED_ZONE,
    /** The cloud refused to create the endpoint (a final error, named in the message). */
    CREATE_REFUSED,
    /** The endpoint service's owner rejected (or disconnected) the connection. */
    REJECTED_BY_OWNER,
    /** The owner did not accept before the acceptance deadline; the endpoint was removed. */
    ACCEPTANCE_EXPIRED,
    /** The endpoint service was deleted under the connection. */
    SERVICE_DELETED,
    /** The endpoint was deleted outside this system. */
    ENDPOINT_REMOVED_OUTSIDE,
    /** The cloud shows the endpoint failed for another reason (its status is in the message); what a newer code reads as. */
    @JsonEnumDefaultValue
    ENDPOINT_FAILED
}
