package io.dataflow.privatelink.simulator.ec2;

/** Resource ids in AWS's shapes: {@code vpce-} + 17 hex digits, and so on. */
final class Ids {

    private Ids() {
    }

    static String vpcEndpointId() {
        return "vpce-" + hex17();
    }

    static String serviceId() {
        return "vpce-svc-" + hex17();
    }

    static String servicePermissionId() {
        return "vpce-svc-perm-" + hex17();
    }

    static String connectionId() {
        return "vpce-con-" + hex17();
    }

    static String networkInterfaceId() {
        return "eni-" + hex17();
    }

    /** The random label AWS puts after the endpoint id in endpoint DNS names ({@code vpce-…-1a2b3c4d}). */
    static String dnsLabel() {
        return io.dataflow.privatelink.simulator.common.Ids.lowerAlnum(8);
    }

    static String hex17() {
        return io.dataflow.privatelink.simulator.common.Ids.hex(17);
    }
}
