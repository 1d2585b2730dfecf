package io.dataflow.privatelink.simulator.common;

import java.util.List;

/**
 * What a VPC's resolver answers for a name: {@code NOERROR} with the final {@code target} (the last CNAME
 * target, or the name itself when it has an address record), or {@code NXDOMAIN}. {@code chain} lists
 * every name the answer went through, the query first.
 */
public record DnsAnswer(String query, List<String> chain, String target, String status) {

    public static final String NOERROR = "NOERROR";
    public static final String NXDOMAIN = "NXDOMAIN";

    public DnsAnswer {
        chain = List.copyOf(chain);
    }
}
