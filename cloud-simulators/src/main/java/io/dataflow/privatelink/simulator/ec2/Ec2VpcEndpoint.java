package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.ec2.Ec2Store.Subnet;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An interface VPC endpoint (PrivateLink consumer side). Immutable like {@link Ec2EndpointService}.
 * {@code transitionAt} is when the current state moves on by itself (pending → available, deleting → gone);
 * the store applies it lazily on the next request.
 */
record Ec2VpcEndpoint(
        String endpointId,
        String ownerId,
        String region,
        String vpcId,
        String serviceId,
        String serviceName,
        List<Subnet> subnets,
        List<String> securityGroupIds,
        List<String> networkInterfaceIds,
        List<Tag> tags,
        String policyDocument,
        boolean privateDnsEnabled,
        String dnsLabel,
        String connectionId,
        Instant createdAt,
        long seq,
        VpcEndpointState state,
        Instant transitionAt) implements PrivateLinkStore.Endpoint {

    /** What AWS attaches to an interface endpoint created without a policy: full access. */
    static final String DEFAULT_POLICY =
            "{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}";

    Ec2VpcEndpoint {
        subnets = List.copyOf(subnets);
        securityGroupIds = List.copyOf(securityGroupIds);
        networkInterfaceIds = List.copyOf(networkInterfaceIds);
        tags = List.copyOf(tags);
    }

    /** The same endpoint in a new state, with the timer that state implies. */
    Ec2VpcEndpoint withState(VpcEndpointState newState, Instant now, Ec2SimulatorConfig config) {
        Duration delay = switch (newState) {
            case PENDING -> config.availableDelay();
            case DELETING -> config.deletionDelay();
            default -> null;
        };
        return new Ec2VpcEndpoint(endpointId, ownerId, region, vpcId, serviceId, serviceName, subnets,
                securityGroupIds, networkInterfaceIds, tags, policyDocument, privateDnsEnabled, dnsLabel,
                connectionId, createdAt, seq, newState, delay == null ? null : now.plus(delay));
    }

    List<String> subnetIds() {
        return subnets.stream().map(Subnet::subnetId).toList();
    }

    /**
     * The regional name first, then one zonal name per subnet zone, as AWS lists them:
     * {@code vpce-0abc…-1a2b3c4d.vpce-svc-0def….us-east-1.vpce.amazonaws.com} and
     * {@code vpce-0abc…-1a2b3c4d-us-east-1a.vpce-svc-0def….us-east-1.vpce.amazonaws.com}.
     */
    List<String> dnsNames() {
        String base = serviceId + "." + region + ".vpce.amazonaws.com";
        String label = endpointId + "-" + dnsLabel;
        List<String> names = new ArrayList<>();
        names.add(label + "." + base);
        subnets.forEach(s -> names.add(label + "-" + s.zone().name() + "." + base));
        return names;
    }

    @Override
    public String regionalDnsName() {
        return dnsNames().get(0);
    }

    /** By zone id ({@code use1-az1}): the zonal name, which carries the zone's name ({@code us-east-1a}). */
    @Override
    public Map<String, String> zonalDnsNames() {
        List<String> names = dnsNames();
        Map<String, String> byZone = new LinkedHashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            byZone.put(subnets.get(i).zone().id(), names.get(i + 1));
        }
        return byZone;
    }

    /** Only an available endpoint carries traffic: pending acceptance, rejected, failed or deleting ones do not. */
    @Override
    public boolean forwards() {
        return state == VpcEndpointState.AVAILABLE;
    }

    /** A stable, AWS-looking hosted zone id per region (the real ones are fixed per region too). */
    String hostedZoneId() {
        return "Z" + Integer.toUnsignedString(region.hashCode(), 36).toUpperCase(Locale.ROOT) + "VPCESIM";
    }
}
