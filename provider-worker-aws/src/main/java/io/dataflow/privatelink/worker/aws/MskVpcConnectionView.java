package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

/**
 * One MSK VPC connection as observed, its MSK state mapped to the connection state it means ({@code state} null
 * while it is in a state that maps to none, e.g. UPDATING).
 *
 * @param connectionId  from its tag; null for VPC connections this deployment did not make (or not read)
 * @param cloudState    MSK's own word, kept for messages
 * @param failureReason what a FAILED state means in our terms; null otherwise
 */
record MskVpcConnectionView(String arn, String connectionId, String clusterArn, ConnectionState state,
                            String cloudState, FailureReason failureReason) {

    /** MSK VPC connection states → connection states (CREATING, AVAILABLE, REJECTED, FAILED, INACTIVE, DELETING). */
    static ConnectionState stateOf(String mskState) {
        return switch (mskState == null ? "" : mskState) {
            case "CREATING" -> ConnectionState.CREATING;
            case "AVAILABLE" -> ConnectionState.ACTIVE;
            case "REJECTED", "FAILED", "INACTIVE" -> ConnectionState.FAILED;
            case "DELETING" -> ConnectionState.DELETING;
            default -> null;
        };
    }

    static FailureReason failureReasonOf(String mskState) {
        return switch (mskState == null ? "" : mskState) {
            case "REJECTED" -> FailureReason.REJECTED_BY_OWNER;
            case "FAILED", "INACTIVE" -> FailureReason.ENDPOINT_FAILED;
            default -> null;
        };
    }
}
