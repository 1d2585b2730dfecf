package io.dataflow.privatelink.simulator.common;

import java.util.List;

/**
 * An interface endpoint as its VPC's resolver and the TCP forwarders see it: its regional DNS name, which
 * answers the address of every zone it is in, and per zone the zonal DNS name, which answers that zone's
 * address only. Names are lowercase, without a trailing dot.
 */
public record ReachableEndpoint(String endpointId, String serviceId, String regionalName, List<Zone> zones) {

    /** One zone of the endpoint: its id, its zonal DNS name and its address ({@link EndpointAddresses}). */
    public record Zone(String zoneId, String dnsName, String address) {
    }

    public ReachableEndpoint {
        zones = List.copyOf(zones);
    }

    /** Whether {@code name} is one of the endpoint's DNS names. */
    public boolean isNamed(String name) {
        return regionalName.equals(name) || zones.stream().anyMatch(z -> z.dnsName().equals(name));
    }

    /** What {@code name} (one of {@link #isNamed its names}) answers: every zone's address, or one zone's. */
    public List<String> addressesOf(String name) {
        return zones.stream().filter(z -> regionalName.equals(name) || z.dnsName().equals(name))
                .map(Zone::address).toList();
    }

    /** The address of every zone, in the endpoint's zone order. */
    public List<String> addresses() {
        return zones.stream().map(Zone::address).toList();
    }
}
