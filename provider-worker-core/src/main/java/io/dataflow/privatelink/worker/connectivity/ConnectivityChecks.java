package io.dataflow.privatelink.worker.connectivity;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The checks of a connectivity test, in order, each needing what the ones before proved: the connection is ACTIVE
 * and serves the cluster's zones; the endpoint's names and the attached domains resolve in the platform VPC to this
 * endpoint; TCP reaches each target through it, per zone; Kafka answers metadata and advertises hosts the attached
 * domains cover, in zones the endpoint serves. The test only ever connects to this endpoint's own addresses: a target
 * resolving anywhere else fails without being contacted, so a caller cannot aim it into the platform's network.
 */
public final class ConnectivityChecks {

    /** The label a wildcard domain is tried with: any label answers, this one says who asked. */
    static final String PROBE_LABEL = "plc-connectivity-test";

    private final PlatformNetwork network;

    public ConnectivityChecks(PlatformNetwork network) {
        this.network = network;
    }

    /**
     * What the test needs to know.
     *
     * @param endpoint    the worker's record of the connection's endpoint; null when it has none (gone, other cloud)
     * @param domains     the connection's attachments
     * @param idleTimeout the load balancer's idle timeout of this cloud (AWS NLB: 350 s)
     * @param deadline    network steps not started by then are SKIPPED (a test's time is bounded)
     */
    public record Facts(ConnectivityTestRequested request, ManagedEndpoint endpoint, List<ManagedDomain> domains,
                        Duration idleTimeout, Instant deadline) {
    }

    /** At most this many brokers are checked one by one: a metadata answer could name thousands. */
    static final int MAX_BROKERS = 64;

    public List<ConnectivityCheck> run(Facts facts, Supplier<EndpointDns> endpointDns) {
        List<ConnectivityCheck> checks = new ArrayList<>();
        ManagedEndpoint endpoint = facts.endpoint();
        if (!active(endpoint, checks)) {
            checks.add(ConnectivityCheck.skipped(CheckKind.OTHER, null,
                    "The other checks need an ACTIVE connection with its endpoint."));
            return checks;
        }
        zones(endpoint, checks);
        String vpcId = endpoint.request().placement().vpcId();
        EndpointAddresses addresses = endpointDns(vpcId, endpoint, endpointDns, checks);
        if (addresses.byAddress().isEmpty()) {
            checks.add(ConnectivityCheck.skipped(CheckKind.OTHER, null,
                    "The other checks need the endpoint's addresses, and its names did not resolve."));
            return checks;
        }
        List<String> domainHosts = domains(vpcId, facts.domains(), addresses, checks);
        List<ConnectivityTarget> targets = targets(facts.request(), domainHosts);
        if (targets.isEmpty()) {
            checks.add(ConnectivityCheck.skipped(CheckKind.TCP_CONNECT, null, facts.request().port() == null
                    ? "No port given: give one (and targets, if no domain is attached) to try TCP through the endpoint."
                    : facts.domains().stream().anyMatch(d -> !d.detachRequested())
                    ? "No attached domain resolved to this endpoint (see DOMAIN_DNS) and no target was given: nothing"
                    + " to connect to."
                    : "No domain is attached and no target was given: nothing to connect to."));
        }
        for (ConnectivityTarget target : targets) {
            tcp(vpcId, target, addresses, checks, facts.deadline());
        }
        if (facts.request().kafka()) {
            kafka(vpcId, facts, targets, addresses, checks);
        }
        return checks;
    }

    // ---- the connection ----

    private static boolean active(ManagedEndpoint endpoint, List<ConnectivityCheck> checks) {
        if (endpoint == null) {
            checks.add(ConnectivityCheck.fail(CheckKind.CONNECTION_ACTIVE, null, null,
                    "This cloud's worker has no endpoint for the connection (it is being deleted, or was never made).",
                    "Create the connection again if it is gone."));
            return false;
        }
        if (endpoint.state() == ConnectionState.ACTIVE && endpoint.endpointId() != null) {
            checks.add(ConnectivityCheck.pass(CheckKind.CONNECTION_ACTIVE, endpoint.endpointId(), null,
                    "ACTIVE, endpoint " + endpoint.endpointId()));
            return true;
        }
        String advice = switch (endpoint.state()) {
            case PENDING_ACCEPTANCE -> "Ask the endpoint service's owner to accept endpoint " + endpoint.endpointId()
                    + (endpoint.acceptDeadline() == null ? "." : " before " + endpoint.acceptDeadline() + ".");
            case CREATING -> "Wait until the connection is ACTIVE, then test again.";
            case FAILED -> "The connection failed: " + (endpoint.message() == null ? "see its message" : endpoint.message())
                    + " Fix the cause and create a new connection.";
            default -> "The connection is being deleted.";
        };
        checks.add(ConnectivityCheck.fail(CheckKind.CONNECTION_ACTIVE, endpoint.endpointId(), null,
                "The connection is " + endpoint.state() + ", not ACTIVE.", advice));
        return false;
    }

    private static void zones(ManagedEndpoint endpoint, List<ConnectivityCheck> checks) {
        List<String> clusterZones = endpoint.request().placement().azIds() == null ? List.of()
                : endpoint.request().placement().azIds();
        List<String> served = endpoint.zoneIds() == null ? List.of() : endpoint.zoneIds();
        List<String> missing = clusterZones.stream().filter(z -> !served.contains(z)).toList();
        if (missing.isEmpty()) {
            checks.add(ConnectivityCheck.pass(CheckKind.ENDPOINT_ZONES, null, null,
                    "Serves " + String.join(", ", served) + ": every zone of the cluster."));
        } else if (served.stream().noneMatch(clusterZones::contains)) {
            checks.add(ConnectivityCheck.fail(CheckKind.ENDPOINT_ZONES, null, null,
                    "Serves " + String.join(", ", served) + ", none of the cluster's zones ("
                            + String.join(", ", clusterZones) + ").",
                    "Enable the service's load balancer in one of the cluster's zones, then create a new connection."));
        } else {
            // Reachable from every zone, but dataflow in a zone the endpoint lacks crosses zones: a hint, not a failure.
            checks.add(ConnectivityCheck.pass(CheckKind.ENDPOINT_ZONES, null, String.join(",", missing),
                    "Serves " + String.join(", ", served) + " but not the cluster's " + String.join(", ", missing) + ".")
                    .withAdvice("Dataflow in " + String.join(", ", missing) + " reaches the service across zones (more"
                            + " latency, cross-zone traffic); enable the service's load balancer there and create a new"
                            + " connection to serve it in-zone."));
        }
    }

    // ---- names ----

    /** The endpoint's addresses, each with the zone whose zonal name answers it. */
    record EndpointAddresses(Map<String, String> byAddress) {

        String zoneOf(String address) {
            return byAddress.get(address);
        }

        boolean containsAll(List<String> addresses) {
            return !addresses.isEmpty() && byAddress.keySet().containsAll(addresses);
        }
    }

    private EndpointAddresses endpointDns(String vpcId, ManagedEndpoint endpoint, Supplier<EndpointDns> endpointDns,
                                          List<ConnectivityCheck> checks) {
        EndpointDns names;
        try {
            names = endpointDns.get();
        } catch (RuntimeException e) {
            checks.add(ConnectivityCheck.fail(CheckKind.ENDPOINT_DNS, endpoint.endpointId(), null,
                    "Could not read the endpoint's DNS names from the cloud: " + e.getMessage(),
                    "Test again in a minute; the cloud's API did not answer."));
            return new EndpointAddresses(Map.of());
        }
        Map<String, String> byAddress = new LinkedHashMap<>();
        names.zonalByAzId().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(zonal -> {
            List<String> found = resolveChecked(CheckKind.ENDPOINT_DNS, vpcId, zonal.getValue(), zonal.getKey(), checks);
            found.forEach(a -> byAddress.put(a, zonal.getKey()));
        });
        if (names.regional() != null) {
            resolveChecked(CheckKind.ENDPOINT_DNS, vpcId, names.regional(), null, checks)
                    .forEach(a -> byAddress.putIfAbsent(a, null));
        }
        return new EndpointAddresses(byAddress);
    }

    private List<String> resolveChecked(CheckKind kind, String vpcId, String name, String zoneId,
                                        List<ConnectivityCheck> checks) {
        try {
            List<String> found = network.resolve(vpcId, name);
            checks.add(found.isEmpty()
                    ? ConnectivityCheck.fail(kind, name, zoneId, "Does not resolve in the platform VPC " + vpcId + ".",
                    "The endpoint's DNS names come from the cloud: if the endpoint is new, test again in a minute.")
                    : ConnectivityCheck.pass(kind, name, zoneId, "Resolves to " + String.join(", ", found) + "."));
            return found;
        } catch (IOException e) {
            checks.add(ConnectivityCheck.fail(kind, name, zoneId, "The platform VPC's resolver did not answer: "
                    + e.getMessage(), "Test again; the resolver failed, not the connection."));
            return List.of();
        }
    }

    /** Checks each attached domain; answers the hosts its wildcards are tried with (for TCP and Kafka). */
    private List<String> domains(String vpcId, List<ManagedDomain> attachments, EndpointAddresses endpoint,
                                 List<ConnectivityCheck> checks) {
        List<String> hosts = new ArrayList<>();
        List<ManagedDomain> attached = attachments.stream().filter(d -> !d.detachRequested()).toList();
        if (attached.isEmpty()) {
            checks.add(ConnectivityCheck.skipped(CheckKind.DOMAIN_DNS, null,
                    "No domain is attached: dataflow reaches the service by the endpoint's own names only."));
            return hosts;
        }
        for (ManagedDomain attachment : attached) {
            for (Domain domain : attachment.domains()) {
                String host = probeHost(domain.name());
                if (attachment.state() != DomainState.ACTIVE) {
                    checks.add(ConnectivityCheck.fail(CheckKind.DOMAIN_DNS, domain.name(), null,
                            "The attachment is " + attachment.state() + ", not ACTIVE.",
                            attachment.state() == DomainState.CREATING ? "Wait until the domain is ACTIVE, then test again."
                                    : "Detach it and attach the domain again."));
                    continue;
                }
                List<String> found;
                try {
                    found = network.resolve(vpcId, host);
                } catch (IOException e) {
                    checks.add(ConnectivityCheck.fail(CheckKind.DOMAIN_DNS, domain.name(), null,
                            "The platform VPC's resolver did not answer: " + e.getMessage(), "Test again."));
                    continue;
                }
                if (found.isEmpty()) {
                    checks.add(ConnectivityCheck.fail(CheckKind.DOMAIN_DNS, domain.name(), null,
                            host + " does not resolve in the platform VPC " + vpcId + ".",
                            "The private zone " + attachment.request().zoneName() + " is not answering there: detach"
                                    + " the domain and attach it again."));
                } else if (!endpoint.containsAll(found)) {
                    checks.add(ConnectivityCheck.fail(CheckKind.DOMAIN_DNS, domain.name(), null,
                            host + " resolves to " + String.join(", ", found) + ", not to this connection's endpoint ("
                                    + String.join(", ", endpoint.byAddress().keySet()) + ").",
                            "Another private zone or record answers for this name in the platform VPC; remove it, or"
                                    + " attach a domain nothing else uses."));
                } else {
                    checks.add(ConnectivityCheck.pass(CheckKind.DOMAIN_DNS, domain.name(), zoneOfAll(endpoint, found),
                            host + " resolves to this connection's endpoint (" + String.join(", ", found) + ")."));
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    private static String zoneOfAll(EndpointAddresses endpoint, List<String> found) {
        Set<String> zones = new LinkedHashSet<>();
        found.forEach(a -> zones.add(endpoint.zoneOf(a)));
        return zones.size() == 1 ? zones.iterator().next() : null;
    }

    static String probeHost(String domainName) {
        return domainName.startsWith("*.") ? PROBE_LABEL + domainName.substring(1) : domainName;
    }

    private static List<ConnectivityTarget> targets(ConnectivityTestRequested request, List<String> domainHosts) {
        if (!request.targets().isEmpty()) {
            return request.targets();
        }
        if (request.port() == null) {
            return List.of();
        }
        return domainHosts.stream().map(h -> new ConnectivityTarget(h, request.port())).toList();
    }

    // ---- TCP ----

    private void tcp(String vpcId, ConnectivityTarget target, EndpointAddresses endpoint,
                     List<ConnectivityCheck> checks, Instant deadline) {
        if (pastDeadline(deadline, CheckKind.TCP_CONNECT, target.toString(), checks)) {
            return;
        }
        Optional<List<String>> addresses = addressesOfEndpoint(CheckKind.TCP_CONNECT, vpcId, target.host(),
                target.toString(), endpoint, checks);
        if (addresses.isEmpty()) {
            return;
        }
        for (String address : addresses.get()) {
            String zone = endpoint.zoneOf(address);
            try {
                long millis = network.connect(address, target.port());
                checks.add(ConnectivityCheck.pass(CheckKind.TCP_CONNECT, target.toString(), zone,
                        "Connected to " + address + ":" + target.port() + ".").took(millis));
            } catch (IOException e) {
                checks.add(ConnectivityCheck.fail(CheckKind.TCP_CONNECT, target.toString(), zone,
                        "Could not connect to " + address + ":" + target.port() + ": " + describe(e) + ".",
                        "The service's load balancer must listen on port " + target.port()
                                + (zone == null ? "" : " in " + zone) + " and have healthy targets behind it there."));
            }
        }
    }

    /**
     * The addresses {@code host} resolves to, when every one is this endpoint's; otherwise the check fails and
     * nothing is contacted.
     */
    private Optional<List<String>> addressesOfEndpoint(CheckKind kind, String vpcId, String host, String target,
                                                       EndpointAddresses endpoint, List<ConnectivityCheck> checks) {
        List<String> found;
        try {
            found = network.resolve(vpcId, host);
        } catch (IOException e) {
            checks.add(ConnectivityCheck.fail(kind, target, null, "The platform VPC's resolver did not answer: "
                    + e.getMessage(), "Test again."));
            return Optional.empty();
        }
        if (found.isEmpty()) {
            checks.add(ConnectivityCheck.fail(kind, target, null, host + " does not resolve in the platform VPC.",
                    "Use a name under one of the connection's attached domains, or attach the domain it is under."));
            return Optional.empty();
        }
        if (!endpoint.containsAll(found)) {
            checks.add(ConnectivityCheck.fail(kind, target, null, host + " resolves to " + String.join(", ", found)
                            + ", which is not this connection's endpoint: not contacted.",
                    "Dataflow would not reach it through this connection; use a name under an attached domain."));
            return Optional.empty();
        }
        return Optional.of(found);
    }

    // ---- Kafka ----

    private void kafka(String vpcId, Facts facts, List<ConnectivityTarget> targets, EndpointAddresses endpoint,
                       List<ConnectivityCheck> checks) {
        if (targets.isEmpty()) {
            checks.add(ConnectivityCheck.skipped(CheckKind.KAFKA_METADATA, null,
                    "No bootstrap server to ask: attach a domain or give a target."));
            return;
        }
        ConnectivityTarget bootstrap = targets.get(0);
        if (pastDeadline(facts.deadline(), CheckKind.KAFKA_METADATA, bootstrap.toString(), checks)) {
            return;
        }
        List<ConnectivityCheck> resolution = new ArrayList<>();
        Optional<List<String>> addresses = addressesOfEndpoint(CheckKind.KAFKA_METADATA, vpcId, bootstrap.host(),
                bootstrap.toString(), endpoint, resolution);
        if (addresses.isEmpty()) {
            // the resolution's own verdict (not found, elsewhere, resolver error), as the bootstrap's
            checks.addAll(resolution);
            return;
        }
        String address = addresses.get().get(0);
        PlatformNetwork.KafkaMetadata metadata;
        try {
            metadata = network.kafkaMetadata(address, bootstrap.port());
        } catch (IOException e) {
            checks.add(ConnectivityCheck.fail(CheckKind.KAFKA_METADATA, bootstrap.toString(), endpoint.zoneOf(address),
                    "No Kafka metadata answer from " + address + ":" + bootstrap.port() + ": " + describe(e) + ".",
                    "Check that port " + bootstrap.port() + " is the Kafka listener behind the service (a TLS or SASL"
                            + " listener answers no plaintext request: test its port with TCP only)."));
            return;
        }
        checks.add(ConnectivityCheck.pass(CheckKind.KAFKA_METADATA, bootstrap.toString(), endpoint.zoneOf(address),
                "Cluster " + metadata.clusterId() + " answered with " + metadata.brokers().size() + " broker"
                        + (metadata.brokers().size() == 1 ? "" : "s") + ".").took(metadata.millis()));
        List<String> covers = facts.domains().stream().filter(d -> !d.detachRequested())
                .flatMap(d -> d.domains().stream()).map(Domain::name).toList();
        List<PlatformNetwork.Broker> brokers = metadata.brokers().stream().limit(MAX_BROKERS).toList();
        if (metadata.brokers().size() > MAX_BROKERS) {
            checks.add(ConnectivityCheck.skipped(CheckKind.KAFKA_ADVERTISED_HOST, null, "Only the first " + MAX_BROKERS
                    + " of " + metadata.brokers().size() + " brokers are checked one by one."));
        }
        for (PlatformNetwork.Broker broker : brokers) {
            if (!pastDeadline(facts.deadline(), CheckKind.KAFKA_ADVERTISED_HOST, broker.host() + ":" + broker.port(),
                    checks)) {
                advertisedHost(vpcId, broker, covers, endpoint, checks);
            }
        }
        for (PlatformNetwork.Broker broker : brokers) {
            brokerZone(broker, facts.endpoint(), checks);
        }
        long idleSeconds = facts.idleTimeout().toSeconds();
        checks.add(ConnectivityCheck.pass(CheckKind.KAFKA_IDLE_TIMEOUT, null, null,
                        "The load balancer in front of the service drops connections idle for " + idleSeconds + " s.")
                .withAdvice("Keep the changefeed's Kafka connections.max.idle.ms below " + idleSeconds * 1000
                        + " (e.g. " + (idleSeconds - 10) * 1000 + "), so clients close idle connections before the"
                        + " load balancer silently drops them."));
    }

    private void advertisedHost(String vpcId, PlatformNetwork.Broker broker, List<String> covers,
                                EndpointAddresses endpoint, List<ConnectivityCheck> checks) {
        String target = broker.host() + ":" + broker.port();
        String host = broker.host().toLowerCase(Locale.ROOT);
        if (broker.port() < 1 || broker.port() > 65_535) {
            checks.add(ConnectivityCheck.fail(CheckKind.KAFKA_ADVERTISED_HOST, target, null, "Broker " + broker.id()
                    + " advertises port " + broker.port() + ", which is not a TCP port.",
                    "Correct the broker's advertised.listeners."));
            return;
        }
        Optional<String> cover = covers.stream().filter(name -> covers(name, host)).findFirst();
        if (cover.isEmpty()) {
            String example = covers.isEmpty() ? "a name under an attached domain"
                    : "b" + broker.id() + "." + covers.get(0).replaceFirst("^\\*\\.", "") + ":" + broker.port();
            checks.add(ConnectivityCheck.fail(CheckKind.KAFKA_ADVERTISED_HOST, target, null,
                    "Broker " + broker.id() + " advertises " + target + ", which no attached domain covers: dataflow"
                            + " cannot reach it through this connection.",
                    "Set the broker's advertised.listeners to a name under an attached domain, e.g. " + example
                            + (covers.isEmpty() ? " (attach a domain first)." : ".")));
            return;
        }
        Optional<List<String>> addresses = addressesOfEndpoint(CheckKind.KAFKA_ADVERTISED_HOST, vpcId, host, target,
                endpoint, checks);
        if (addresses.isEmpty()) {
            return;
        }
        String address = addresses.get().get(0);
        try {
            long millis = network.connect(address, broker.port());
            checks.add(ConnectivityCheck.pass(CheckKind.KAFKA_ADVERTISED_HOST, target, endpoint.zoneOf(address),
                    "Broker " + broker.id() + " advertises " + target + ", covered by " + cover.get()
                            + ", reachable at " + address + ".").took(millis));
        } catch (IOException e) {
            checks.add(ConnectivityCheck.fail(CheckKind.KAFKA_ADVERTISED_HOST, target, endpoint.zoneOf(address),
                    "Broker " + broker.id() + " advertises " + target + " (covered by " + cover.get() + ") but "
                            + address + ":" + broker.port() + " refuses: " + describe(e) + ".",
                    "The service's load balancer needs a listener on port " + broker.port()
                            + " forwarding to broker " + broker.id() + "."));
        }
    }

    private static void brokerZone(PlatformNetwork.Broker broker, ManagedEndpoint endpoint,
                                   List<ConnectivityCheck> checks) {
        String target = "broker " + broker.id();
        List<String> served = endpoint.zoneIds() == null ? List.of() : endpoint.zoneIds();
        if (broker.rack() == null || broker.rack().isBlank()) {
            checks.add(ConnectivityCheck.skipped(CheckKind.KAFKA_BROKER_ZONE, target,
                    "Broker " + broker.id() + " reports no rack, so its zone is unknown."));
        } else if (served.contains(broker.rack())) {
            checks.add(ConnectivityCheck.pass(CheckKind.KAFKA_BROKER_ZONE, target, broker.rack(),
                    "Broker " + broker.id() + " is in " + broker.rack() + ", a zone the endpoint serves."));
        } else if (looksLikeZoneId(broker.rack())) {
            checks.add(ConnectivityCheck.fail(CheckKind.KAFKA_BROKER_ZONE, target, broker.rack(),
                    "Broker " + broker.id() + " is in " + broker.rack() + ", which the endpoint does not serve ("
                            + String.join(", ", served) + ").",
                    "Put a load balancer listener for broker " + broker.id() + " in a zone the endpoint serves, or"
                            + " enable " + broker.rack() + " on the service and create a new connection."));
        } else {
            checks.add(ConnectivityCheck.skipped(CheckKind.KAFKA_BROKER_ZONE, target, "Broker " + broker.id()
                    + "'s rack " + broker.rack() + " is not a zone id, so its zone is unknown."));
        }
    }

    private static boolean looksLikeZoneId(String rack) {
        return rack.matches("[a-z]{2,5}\\d?-az\\d+") || rack.matches("[a-z]{2}-[a-z]+-\\d*[a-z]?")
                || rack.matches("[a-z]{2}-[a-z]+-[a-z]");
    }

    /** Past the test's deadline, a step is SKIPPED saying why; true then. */
    private static boolean pastDeadline(Instant deadline, CheckKind kind, String target, List<ConnectivityCheck> checks) {
        if (deadline == null || Instant.now().isBefore(deadline)) {
            return false;
        }
        checks.add(ConnectivityCheck.skipped(kind, target, "Not tried: the test's time ran out (fewer targets, or"
                + " test them separately)."));
        return true;
    }

    /** Whether a domain name (a wildcard or an exact name) covers the host. */
    static boolean covers(String domainName, String host) {
        String name = domainName.toLowerCase(Locale.ROOT);
        return name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT) + (message == null ? "" : " (" + message + ")");
    }
}
