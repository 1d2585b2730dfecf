package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;

import java.util.List;

/**
 * What {@link WorkerContract} asks of one provider: where the platform's cluster is, the customer's side of
 * the cloud on that provider's simulator (services, the owner's decisions, what is done outside the system,
 * the platform account's endpoints as its console lists them), and the cloud's own words for what the worker
 * reports. Each worker's test implements it with its simulator and its real SDK.
 */
public interface CloudSide {

    /** An endpoint of the platform account, as the cloud's console lists it. */
    record Endpoint(String endpointId, String status, String vpcId) {
    }

    // ---- the platform ----

    ConnectionType connectionType();

    /** The cluster the connections are for: its region, account, VPC, and the zones it has subnets in. */
    ClusterPlacement placement();

    /** Zones of the region the cluster has no subnet in. */
    List<String> zonesOutsideThePlatform();

    // ---- the customer, on the simulator ----

    /** An endpoint service of the customer in {@code zoneIds}, letting the platform account connect or not. */
    ServiceRef createService(List<String> zoneIds, boolean allowPlatform, Acceptance acceptance);

    /** The owner accepts the endpoint (EC2 AcceptVpcEndpointConnections, Alibaba Cloud Enable…). */
    void accept(ServiceRef service, String endpointId);

    /**
     * Who the owner refuses: endpoints of a service that accepts {@code MANUAL}ly, still waiting (EC2 rejects
     * them), or of one that accepts {@code AUTOMATIC}ally, once connected (Alibaba Cloud disables them).
     */
    Acceptance refusedFrom();

    /** The owner refuses the endpoint (EC2 RejectVpcEndpointConnections, Alibaba Cloud Disable…). */
    void refuse(ServiceRef service, String endpointId);

    /** Someone deletes the endpoint in the cloud's console, not through this system. */
    void deleteEndpointOutside(String endpointId);

    /**
     * An endpoint made in the platform account, outside the worker, marked (tagged, described) as
     * {@code deployment}'s for {@code connectionId}; returns its id.
     */
    String createEndpointMarked(ServiceRef service, DeploymentIdentity deployment, String connectionId);

    /** The platform account's endpoints marked for the connection. */
    List<Endpoint> endpointsOf(String connectionId);

    /** Whether the simulator still has the endpoint (not yet deleted). */
    boolean endpointExists(String endpointId);

    /** A storm: the simulator throttles a good share of every call, or (off) none. */
    void throttle(boolean on);

    /** Calls the simulator has throttled so far. */
    long throttledCount();

    // ---- the cloud's words ----

    /** The words a failure names the platform by when the service does not let it connect. */
    List<String> notAllowedWords();

    /** A word of the failure when the owner refused the endpoint. */
    String refusalWord();

    /** The cloud's status of an endpoint waiting for the owner ({@link Endpoint#status()}). */
    String awaitingAcceptanceStatus();

    /**
     * The states a connection to a service the owner accepts by hand is announced in, each once, up to ACTIVE
     * (an endpoint the cloud creates in a state of its own, as Alibaba Cloud's {@code Creating}, adds CREATING).
     */
    List<ConnectionState> statesThroughAcceptance();

    /**
     * Whether the worker knows a service accepts by itself, so that its connections never show
     * PENDING_ACCEPTANCE (EC2 says so; Alibaba Cloud's SDK model does not, and the watch then reports the
     * endpoint's Connecting as waiting).
     */
    boolean knowsAutomaticAcceptance();

    /** The {@code cloud} label of the worker's metrics. */
    String cloudLabel();

    /** The client-side budget creates and deletes spend. */
    String mutateBudget();

    /** The API actions that create and delete an endpoint (metrics' {@code action}, the end of a call's span name). */
    String createAction();

    String deleteAction();

    /** Throttled attempts of the endpoint API on the page. */
    default double endpointThrottles(Metrics page) {
        return page.sum("plc_cloud_throttles_total", "cloud", cloudLabel());
    }
}
