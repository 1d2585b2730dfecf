package io.dataflow.privatelink.worker.connectivity;

import java.io.IOException;
import java.util.List;

/** Resolves names as the platform VPC's resolver does (where the private zones this system makes are visible). */
public interface VpcResolver {

    /** The addresses; empty when the name does not resolve. An error reaching the resolver is an IOException. */
    List<String> resolve(String vpcId, String name) throws IOException;
}
