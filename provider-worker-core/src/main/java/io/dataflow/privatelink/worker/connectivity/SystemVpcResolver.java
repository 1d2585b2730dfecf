package io.dataflow.privatelink.worker.connectivity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM's own resolver: in production the worker runs inside the platform VPC, whose resolver answers the private
 * zones associated with it, so the VPC is implied.
 */
public final class SystemVpcResolver implements VpcResolver {

    @Override
    public List<String> resolve(String vpcId, String name) {
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).distinct().toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
