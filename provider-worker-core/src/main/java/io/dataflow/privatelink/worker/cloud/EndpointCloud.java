package io.dataflow.privatelink.worker.cloud;

import io.dataflow.privatelink.contract.CloudProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a worker asks of one cloud, in the shape of crossplane-runtime's external client:
 * observe, create, delete, each idempotent. The reconcile logic is written against this interface
 * only, so it is shared by both workers and tested without the network.
 */
public interface EndpointCloud {

    CloudProvider provider();

    /** What the customer must do so that the platform account can see their service, in the cloud's terms. */
    String allowListInstruction(String platformAccountId, String serviceName);

    /**
     * The endpoint service as the platform account sees it; empty when the account cannot see it
     * (it does not exist, or the platform account is not allow-listed: the clouds do not tell which).
     */
    Optional<EndpointServiceView> observeService(EndpointSpec spec);

    /** The endpoint this system made for the connection, found by its tag; empty when there is none. */
    Optional<EndpointView> findEndpoint(EndpointSpec spec);

    /**
     * Creates the connection's endpoint in the given zones. Idempotent: a repeat with the same spec
     * returns the endpoint the first call made (client token derived from the connection id).
     */
    EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds);

    /**
     * Every endpoint this system manages in one region of one platform account, read in as few paged
     * calls as the cloud allows: the watcher's single look per cycle, never one call per connection.
     */
    List<EndpointView> observeManagedEndpoints(CloudLocation location);

    /** Deletes the endpoint; one that is already gone counts as deleted. */
    void deleteEndpoint(CloudLocation location, String endpointId);

    /**
     * How long this worker's budget takes per create in {@code location} once it is spent (one token's refill), to
     * estimate a waiting create's turn; empty when the worker does not pace its creates (the cloud alone throttles).
     */
    Optional<Duration> createPace(CloudLocation location);
}
