package io.dataflow.privatelink.simulator.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a name the way a VPC's resolver does with private zones: the most specific zone that
 * contains the name answers; inside it an exact owner wins, otherwise the wildcard at the closest
 * encloser (RFC 4592: {@code *.a.zone} answers {@code x.a.zone} and {@code y.x.a.zone}, but not when a
 * closer name exists); CNAMEs are followed, across zones, up to {@value #MAX_HOPS} hops. A name under no
 * private zone is outside the simulated network: when reached through a CNAME it is the final target
 * (an endpoint's own DNS name), when queried directly the answer is NXDOMAIN.
 */
public final class DnsResolver {

    static final int MAX_HOPS = 8;

    private DnsResolver() {
    }

    public static DnsAnswer resolve(List<DnsZone> zones, String hostname) {
        String name = normalize(hostname);
        List<String> chain = new ArrayList<>();
        chain.add(name);
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<DnsZone> zone = authority(zones, name);
            if (zone.isEmpty()) {
                return chain.size() == 1 ? new DnsAnswer(hostname, chain, null, DnsAnswer.NXDOMAIN)
                        : new DnsAnswer(hostname, chain, name, DnsAnswer.NOERROR);
            }
            Optional<String> owner = matchingOwner(zone.get(), name);
            if (owner.isEmpty()) {
                return new DnsAnswer(hostname, chain, null, DnsAnswer.NXDOMAIN);
            }
            String target = zone.get().cnames().get(owner.get());
            if (target == null) {
                return new DnsAnswer(hostname, chain, name, DnsAnswer.NOERROR);
            }
            name = normalize(target);
            chain.add(name);
        }
        return new DnsAnswer(hostname, chain, null, "SERVFAIL");
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
