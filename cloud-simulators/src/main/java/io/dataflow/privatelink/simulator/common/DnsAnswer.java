package io.dataflow.privatelink.simulator.common;

import java.util.List;

/**
 * What a VPC's resolver answers for a name: {@code NOERROR} with the final {@code target} (the last CNAME
 * target, or the name itself when it has an address record), or {@code NXDOMAIN}. {@code chain} lists
 * every name the answer went through, the query first. {@code addresses}: the IPv4 addresses the target
 * answers when it is an interface endpoint's DNS name in the VPC (the endpoint's loopback stand-ins, see
 * {@link EndpointAddresses}); empty for any other target and on NXDOMAIN.
 */
public record DnsAnswer(String query, List<String> chain, String target, String status, List<String> addresses) {

    public static final String NOERROR = "NOERROR";
    public static final String NXDOMAIN = "NXDOMAIN";

    public DnsAnswer {
        chain = List.copyOf(chain);
        addresses = List.copyOf(addresses);
    }
}
