package io.dataflow.privatelink.simulator.ec2;

/**
 * One EC2 API token bucket: a request takes a token, tokens refill continuously up to the capacity.
 * See "Request throttling for the Amazon EC2 API" in the EC2 developer guide.
 */
public record RateBucketSpec(int capacity, double refillPerSecond) {

    /** Non-mutating (Describe*) actions. */
    public static final RateBucketSpec EC2_DESCRIBE = new RateBucketSpec(100, 20);
    /** CreateVpcEndpoint and DeleteVpcEndpoints. */
    public static final RateBucketSpec EC2_VPC_ENDPOINT_MUTATION = new RateBucketSpec(4, 0.3);
    /** Every other mutating action. */
    public static final RateBucketSpec EC2_MUTATING = new RateBucketSpec(200, 5);

    public RateBucketSpec {
        if (capacity < 1 || refillPerSecond < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill >= 0");
        }
    }
}
