package io.dataflow.privatelink.simulator.ec2;

/** A subnet registered through the Java API; EC2 subnets themselves are not simulated. */
record Subnet(String accountId, String vpcId, String subnetId, AvailabilityZone zone) implements java.io.Serializable {

    String region() {
        return zone.region();
    }
}
