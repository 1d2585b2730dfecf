package io.dataflow.privatelink.simulator.ec2;

/**
 * EC2's API token buckets (see "Request throttling for the Amazon EC2 API" in the EC2 developer guide),
 * as {@link io.dataflow.privatelink.simulator.common.RateBucketSpec}s. The config takes any bucket spec;
 * this class keeps EC2's defaults and the constructor existing callers use.
 */
public final class RateBucketSpec extends io.dataflow.privatelink.simulator.common.RateBucketSpec {

    /** Non-mutating (Describe*) actions. */
    public static final RateBucketSpec EC2_DESCRIBE = new RateBucketSpec(100, 20);
    /** CreateVpcEndpoint and DeleteVpcEndpoints. */
    public static final RateBucketSpec EC2_VPC_ENDPOINT_MUTATION = new RateBucketSpec(4, 0.3);
    /** Every other mutating action. */
    public static final RateBucketSpec EC2_MUTATING = new RateBucketSpec(200, 5);

    public RateBucketSpec(int capacity, double refillPerSecond) {
        super(capacity, refillPerSecond);
    }
}
