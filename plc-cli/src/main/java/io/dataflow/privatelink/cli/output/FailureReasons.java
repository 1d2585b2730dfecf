package io.dataflow.privatelink.cli.output;

import io.dataflow.privatelink.contract.FailureReason;

/** A failure reason's code and a few words on what it means for the user (get's {@code Failure reason}). */
public final class FailureReasons {

    private FailureReasons() {
    }

    /** {@code REJECTED_BY_OWNER: the endpoint service's owner rejected the connection}. */
    public static String describe(FailureReason reason) {
        return reason.name() + ": " + words(reason);
    }

    static String words(FailureReason reason) {
        return switch (reason) {
            case SERVICE_NOT_VISIBLE -> "the endpoint service does not exist, or does not allow the platform account";
            case SERVICE_IN_ANOTHER_REGION -> "the endpoint service is in another region";
            case NO_SHARED_ZONE -> "the endpoint service has none of the cluster's zones";
            case CREATE_REFUSED -> "the cloud refused to create the endpoint";
            case REJECTED_BY_OWNER -> "the endpoint service's owner rejected the connection";
            case ACCEPTANCE_EXPIRED -> "not accepted in time; the endpoint was removed";
            case SERVICE_DELETED -> "the endpoint service was deleted";
            case ENDPOINT_REMOVED_OUTSIDE -> "the endpoint was deleted outside dataflow";
            case ENDPOINT_FAILED -> "the cloud shows the endpoint failed";
        };
    }
}
