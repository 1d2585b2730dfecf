package io.dataflow.privatelink.simulator.common;

import java.util.Map;

/**
 * A private zone as a resolver sees it: its name and its records, by owner name (lowercase, no trailing
 * dot, a leading {@code *} for wildcards). A record's value is a CNAME target, or null for an address
 * record (A/AAAA/TXT…: the name exists and ends the chain).
 */
public record DnsZone(String name, Map<String, String> cnames) {

    public DnsZone {
        name = DnsResolver.normalize(name);
        // Not Map.copyOf: address records carry a null value.
        cnames = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(cnames));
    }
}
