package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.PrivateLinkStore;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An interface endpoint (PrivateLink consumer side). Immutable like {@link AlicloudEndpointService}.
 * {@code transitionAt} is when the current status moves on by itself (Creating → Active, Deleting → gone,
 * Connecting → Connected, Disconnecting → Disconnected); the store applies it lazily on the next request.
 */
record AlicloudVpcEndpoint(
        String endpointId,
        String ownerId,
        String region,
        String vpcId,
        String serviceId,
        String serviceName,
        String name,
        String description,
        List<String> securityGroupIds,
        List<Zone> zones,
        Instant createdAt,
        long seq,
        EndpointStatus status,
        ConnectionStatus connectionStatus,
        Instant modifiedAt,
        Instant transitionAt) implements PrivateLinkStore.Endpoint {

    /** Default bandwidth of an endpoint connection, in Mbit/s. */
    static final int DEFAULT_BANDWIDTH = 3072;

    /** One zone of the endpoint: the vSwitch it was given and the network interface placed there. */
    record Zone(String zoneId, String vSwitchId, String eniId, String eniIp) implements Serializable {
    }

    AlicloudVpcEndpoint {
        securityGroupIds = List.copyOf(securityGroupIds);
        zones = List.copyOf(zones);
    }

    /** The same endpoint with new statuses, and the timer they imply. */
    AlicloudVpcEndpoint withStatus(EndpointStatus newStatus, ConnectionStatus newConnection, Instant now,
                                   AlicloudSimulatorConfig config) {
        Duration delay = switch (newStatus) {
            case CREATING -> config.activeDelay();
            case DELETING -> config.deletionDelay();
            default -> switch (newConnection) {
                case CONNECTING -> config.connectDelay();
                case DISCONNECTING -> config.disconnectDelay();
                default -> null;
            };
        };
        return new AlicloudVpcEndpoint(endpointId, ownerId, region, vpcId, serviceId, serviceName, name, description,
                securityGroupIds, zones, createdAt, seq, newStatus, newConnection, now,
                delay == null ? null : now.plus(delay));
    }

    /** {@code ep-….epsrv-….<region>.privatelink.aliyuncs.com}. */
    @Override
    public String regionalDnsName() {
        return domain();
    }

    /** By zone id: {@link #zoneDomain}. */
    @Override
    public Map<String, String> zonalDnsNames() {
        Map<String, String> byZone = new LinkedHashMap<>();
        zones.forEach(z -> byZone.put(z.zoneId(), zoneDomain(z)));
        return byZone;
    }

    /** Only an Active endpoint whose connection the service accepted carries traffic. */
    @Override
    public boolean forwards() {
        return status == EndpointStatus.ACTIVE && connectionStatus == ConnectionStatus.CONNECTED;
    }

    /** {@code ep-….epsrv-….<region>.privatelink.aliyuncs.com}. */
    String domain() {
        return endpointId + "." + serviceId + "." + region + ".privatelink.aliyuncs.com";
    }

    /** {@code ep-…-<zone>.epsrv-….<region>.privatelink.aliyuncs.com}. */
    String zoneDomain(Zone zone) {
        return endpointId + "-" + zone.zoneId() + "." + serviceId + "." + region + ".privatelink.aliyuncs.com";
    }

    /** A zone's own status, derived from the endpoint's and the connection's. */
    String zoneStatus() {
        return switch (status) {
            case CREATING -> "Creating";
            case DELETING -> "Deleting";
            default -> switch (connectionStatus) {
                case PENDING -> "Wait";
                case CONNECTING, CONNECTED, DISCONNECTING -> connectionStatus.wireValue();
                default -> "Disconnected";
            };
        };
    }
}
