package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.SimulatorConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link Ec2Simulator}: those of {@link SimulatorConfig} and EC2's own. Build with
 * {@link #builder()}. Its rate buckets are EC2's, per account, region and
 * bucket (see "Request throttling for the Amazon EC2 API"), Route 53's one per account, and MSK's one per
 * account and region.
 */
public final class Ec2SimulatorConfig extends SimulatorConfig<AvailabilityZone> {

    /** Rate bucket of the Describe* (and Get*) actions; default capacity 100, refill 20/s. */
    public static final String DESCRIBE = "describe";
    /** Rate bucket of CreateVpcEndpoint and DeleteVpcEndpoints; default capacity 4, refill 0.3/s. */
    public static final String VPC_ENDPOINT_MUTATION = "vpc-endpoint-mutation";
    /** Rate bucket of the other mutating actions; default capacity 200, refill 5/s. */
    public static final String MUTATING = "mutating";
    /** Route 53's bucket, every action alike; default capacity 5, refill 5/s. */
    public static final String ROUTE53 = "route53";
    /** Amazon MSK's bucket, every operation alike, per account and region; default capacity 10, refill 5/s. */
    public static final String MSK = "msk";

    private String defaultRegion = "us-east-1";
    private Duration availableDelay = Duration.ofSeconds(1);
    private Duration route53ChangeSyncDelay = Duration.ZERO;
    private Duration vpcConnectionAvailableDelay = Duration.ofSeconds(1);

    private Ec2SimulatorConfig() {
        super(Map.of(DESCRIBE, new RateBucketSpec(100, 20), VPC_ENDPOINT_MUTATION, new RateBucketSpec(4, 0.3),
                MUTATING, new RateBucketSpec(200, 5), ROUTE53, new RateBucketSpec(5, 5),
                MSK, new RateBucketSpec(10, 5)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Region used when a request carries no SigV4 credential scope. Default {@code us-east-1}. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** How long an endpoint stays {@code pending} before it is {@code available}. Default 1 s. */
    public Duration availableDelay() {
        return availableDelay;
    }

    /** How long a Route 53 change stays PENDING before GetChange reports INSYNC. Default 0. */
    public Duration route53ChangeSyncDelay() {
        return route53ChangeSyncDelay;
    }

    /**
     * How long an MSK VPC connection stays {@code CREATING} before it is {@code AVAILABLE}. Default 1 s. A deleted
     * one stays {@code DELETING} for the {@link #deletionDelay()}.
     */
    public Duration vpcConnectionAvailableDelay() {
        return vpcConnectionAvailableDelay;
    }

    /** The rate bucket an EC2 action draws from: {@link #DESCRIBE}, {@link #VPC_ENDPOINT_MUTATION} or {@link #MUTATING}. */
    static String bucketOf(String action) {
        if (action.startsWith("Describe") || action.startsWith("Get")) {
            return DESCRIBE;
        }
        return action.equals("CreateVpcEndpoint") || action.equals("DeleteVpcEndpoints") ? VPC_ENDPOINT_MUTATION
                : MUTATING;
    }

    /** {@link AvailabilityZone#defaultsFor(String)}. */
    @Override
    protected List<AvailabilityZone> defaultZones(String region) {
        return AvailabilityZone.defaultsFor(region);
    }

    public static final class Builder extends SimulatorConfig.Builder<AvailabilityZone, Ec2SimulatorConfig, Builder> {

        private Builder() {
            super(new Ec2SimulatorConfig());
        }

        public Builder defaultRegion(String defaultRegion) {
            config.defaultRegion = Objects.requireNonNull(defaultRegion);
            return this;
        }

        public Builder availableDelay(Duration availableDelay) {
            config.availableDelay = nonNegative(availableDelay);
            return this;
        }

        public Builder route53ChangeSyncDelay(Duration delay) {
            config.route53ChangeSyncDelay = nonNegative(delay);
            return this;
        }

        public Builder vpcConnectionAvailableDelay(Duration delay) {
            config.vpcConnectionAvailableDelay = nonNegative(delay);
            return this;
        }
    }
}
