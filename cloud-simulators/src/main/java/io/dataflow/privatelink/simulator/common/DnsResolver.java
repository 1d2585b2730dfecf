package io.dataflow.privatelink.simulator.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a name the way a VPC's resolver does with private zones: the most specific zone that
 * contains the name answers; inside it an exact owner wins, otherwise the wildcard at the closest
 * encloser (RFC 4592: {@code *.a.zone} answers {@code x.a.zone} and {@code y.x.a.zone}, but not when a
 * closer name exists); CNAMEs are followed, across zones, up to {@value #MAX_HOPS} hops. A name under no
 * private zone is outside the private zones: when it is the DNS name of an interface endpoint in the VPC, the
 * answer is NOERROR with the endpoint's addresses for that name, whether the name was reached through a CNAME
 * or queried directly; any other such name is the final target when reached through a CNAME (with no
 * addresses), NXDOMAIN when queried directly.
 */
public final class DnsResolver {

    static final int MAX_HOPS = 8;

    private DnsResolver() {
    }

    /** What {@code hostname} resolves to through {@code zones}, in a VPC without interface endpoints. */
    public static DnsAnswer resolve(List<DnsZone> zones, String hostname) {
        return resolve(zones, name -> Optional.empty(), hostname);
    }

    /**
     * What {@code hostname} resolves to through {@code zones}; {@code endpointNamed} finds the interface
     * endpoint of the VPC a (normalized) name belongs to, if any.
     */
    public static DnsAnswer resolve(List<DnsZone> zones, Function<String, Optional<ReachableEndpoint>> endpointNamed,
                                    String hostname) {
        String name = normalize(hostname);
        List<String> chain = new ArrayList<>();
        chain.add(name);
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<DnsZone> zone = authority(zones, name);
            if (zone.isEmpty()) {
                Optional<ReachableEndpoint> endpoint = endpointNamed.apply(name);
                if (endpoint.isPresent()) {
                    return new DnsAnswer(hostname, chain, name, DnsAnswer.NOERROR, endpoint.get().addressesOf(name));
                }
                return chain.size() == 1 ? nxdomain(hostname, chain)
                        : new DnsAnswer(hostname, chain, name, DnsAnswer.NOERROR, List.of());
            }
            Optional<String> owner = matchingOwner(zone.get(), name);
            if (owner.isEmpty()) {
                return nxdomain(hostname, chain);
            }
            String target = zone.get().cnames().get(owner.get());
            if (target == null) {
                return new DnsAnswer(hostname, chain, name, DnsAnswer.NOERROR, List.of());
            }
            name = normalize(target);
            chain.add(name);
        }
        return new DnsAnswer(hostname, chain, null, "SERVFAIL", List.of());
    }

    private static DnsAnswer nxdomain(String hostname, List<String> chain) {
        return new DnsAnswer(hostname, chain, null, DnsAnswer.NXDOMAIN, List.of());
    }

    public static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replace("\\052", "*");
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Optional<DnsZone> authority(List<DnsZone> zones, String name) {
        return zones.stream()
                .filter(z -> name.equals(z.name()) || name.endsWith("." + z.name()))
                .max(Comparator.comparingInt(z -> z.name().length()));
    }

    /** The owner name whose record answers {@code name}: itself, or the wildcard at its closest encloser. */
    private static Optional<String> matchingOwner(DnsZone zone, String name) {
        if (zone.cnames().containsKey(name)) {
            return Optional.of(name);
        }
        if (exists(zone, name)) {
            return Optional.empty();  // an empty non-terminal: the name exists but has no record (NODATA)
        }
        String encloser = name;
        while (!encloser.equals(zone.name())) {
            encloser = encloser.substring(encloser.indexOf('.') + 1);
            if (encloser.equals(zone.name()) || exists(zone, encloser)) {
                String wildcard = "*." + encloser;
                return zone.cnames().containsKey(wildcard) ? Optional.of(wildcard) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A name exists when it owns a record or has one below it (an empty non-terminal). */
    private static boolean exists(DnsZone zone, String name) {
        return zone.cnames().keySet().stream().anyMatch(owner -> owner.equals(name) || owner.endsWith("." + name));
    }
}
