package io.dataflow.privatelink.worker.cloud;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

import java.util.List;

/**
 * One endpoint as observed in the cloud, its provider-specific status already mapped to the
 * connection state it means ({@code state} is null while the endpoint is gone or being removed
 * in a way that maps to no connection state, e.g. AWS {@code deleted}).
 *
 * @param connectionId from the endpoint's tag (null for endpoints this system did not make)
 * @param zoneIds      the zones the endpoint is in, or null when the observation does not tell
 * @param cloudStatus  the cloud's own words, kept for messages
 * @param reason       why the cloud failed or rejected it, when it says
 * @param failureReason what a FAILED status means in our terms (the provider's mapping); null otherwise
 */
public record EndpointView(String endpointId, String connectionId, ConnectionState state, String cloudStatus,
                           String reason, List<String> zoneIds, FailureReason failureReason) {

    /** An endpoint whose status needs no failure reason (or a test's view; FAILED reads as ENDPOINT_FAILED). */
    public EndpointView(String endpointId, String connectionId, ConnectionState state, String cloudStatus,
                        String reason, List<String> zoneIds) {
        this(endpointId, connectionId, state, cloudStatus, reason, zoneIds, null);
    }
}
