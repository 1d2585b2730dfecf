package io.dataflow.privatelink.simulator.ec2;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link Ec2Simulator}. Immutable; build with {@link #builder()} or take {@link #defaults()}.
 */
public final class Ec2SimulatorConfig {

    private final String bindAddress;
    private final Path stateFolder;
    private final String defaultRegion;
    private final Duration availableDelay;
    private final Duration deletionDelay;
    private final boolean rateLimitsEnabled;
    private final RateBucketSpec describeBucket;
    private final RateBucketSpec endpointMutationBucket;
    private final RateBucketSpec mutatingBucket;
    private final RateBucketSpec route53Bucket;
    private final Duration route53ChangeSyncDelay;
    private final Map<String, List<AvailabilityZone>> regionZones;
    private final Clock clock;

    private Ec2SimulatorConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.stateFolder = b.stateFolder;
        this.defaultRegion = b.defaultRegion;
        this.availableDelay = b.availableDelay;
        this.deletionDelay = b.deletionDelay;
        this.rateLimitsEnabled = b.rateLimitsEnabled;
        this.describeBucket = b.describeBucket;
        this.endpointMutationBucket = b.endpointMutationBucket;
        this.mutatingBucket = b.mutatingBucket;
        this.route53Bucket = b.route53Bucket;
        this.route53ChangeSyncDelay = b.route53ChangeSyncDelay;
        this.regionZones = Map.copyOf(b.regionZones);
        this.clock = b.clock;
    }

    public static Ec2SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Address the HTTP server binds to. Default {@code 127.0.0.1}. */
    public String bindAddress() {
        return bindAddress;
    }

    /**
     * Where the simulator keeps its resources across restarts (see {@code CloudSimulator}); empty: in memory
     * only. Default empty.
     */
    public Optional<Path> stateFolder() {
        return Optional.ofNullable(stateFolder);
    }

    /** Region used when a request carries no SigV4 credential scope. Default {@code us-east-1}. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** How long an endpoint stays {@code pending} before it is {@code available}. Default 1 s. */
    public Duration availableDelay() {
        return availableDelay;
    }

    /** How long a deleted endpoint stays {@code deleting} before it disappears. Default 200 ms. */
    public Duration deletionDelay() {
        return deletionDelay;
    }

    /** Whether EC2's token buckets are enforced from the start. Default false. */
    public boolean rateLimitsEnabled() {
        return rateLimitsEnabled;
    }

    /** Bucket for Describe* actions. Default capacity 100, refill 20/s. */
    public RateBucketSpec describeBucket() {
        return describeBucket;
    }

    /** Bucket for CreateVpcEndpoint/DeleteVpcEndpoints. Default capacity 4, refill 0.3/s. */
    public RateBucketSpec endpointMutationBucket() {
        return endpointMutationBucket;
    }

    /** Bucket for the other mutating actions. Default capacity 200, refill 5/s. */
    public RateBucketSpec mutatingBucket() {
        return mutatingBucket;
    }

    /** Zones of a region: configured ones, else {@link AvailabilityZone#defaultsFor(String)}. */
    public List<AvailabilityZone> zonesOf(String region) {
        return regionZones.getOrDefault(region, AvailabilityZone.defaultsFor(region));
    }

    /** Clock for timestamps and lifecycle delays. Default system UTC. */
    public Clock clock() {
        return clock;
    }

    /** Route 53's one bucket per account, every action alike. Default capacity 5, refill 5/s. */
    public RateBucketSpec route53Bucket() {
        return route53Bucket;
    }

    /** How long a Route 53 change stays PENDING before GetChange reports INSYNC. Default 0. */
    public Duration route53ChangeSyncDelay() {
        return route53ChangeSyncDelay;
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private Path stateFolder;
        private String defaultRegion = "us-east-1";
        private Duration availableDelay = Duration.ofSeconds(1);
        private Duration deletionDelay = Duration.ofMillis(200);
        private boolean rateLimitsEnabled;
        private RateBucketSpec describeBucket = RateBucketSpec.EC2_DESCRIBE;
        private RateBucketSpec endpointMutationBucket = RateBucketSpec.EC2_VPC_ENDPOINT_MUTATION;
        private RateBucketSpec mutatingBucket = RateBucketSpec.EC2_MUTATING;
        private RateBucketSpec route53Bucket = new RateBucketSpec(5, 5);
        private Duration route53ChangeSyncDelay = Duration.ZERO;
        private final Map<String, List<AvailabilityZone>> regionZones = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /** Keep the resources in this folder: restored from it before the first request is served. */
        public Builder stateFolder(Path folder) {
            this.stateFolder = Objects.requireNonNull(folder);
            return this;
        }

        public Builder defaultRegion(String defaultRegion) {
            this.defaultRegion = Objects.requireNonNull(defaultRegion);
            return this;
        }

        public Builder availableDelay(Duration availableDelay) {
            this.availableDelay = nonNegative(availableDelay);
            return this;
        }

        public Builder deletionDelay(Duration deletionDelay) {
            this.deletionDelay = nonNegative(deletionDelay);
            return this;
        }

        public Builder rateLimitsEnabled(boolean enabled) {
            this.rateLimitsEnabled = enabled;
            return this;
        }

        public Builder describeBucket(RateBucketSpec spec) {
            this.describeBucket = Objects.requireNonNull(spec);
            return this;
        }

        public Builder endpointMutationBucket(RateBucketSpec spec) {
            this.endpointMutationBucket = Objects.requireNonNull(spec);
            return this;
        }

        public Builder mutatingBucket(RateBucketSpec spec) {
            this.mutatingBucket = Objects.requireNonNull(spec);
            return this;
        }

        public Builder route53Bucket(RateBucketSpec spec) {
            this.route53Bucket = Objects.requireNonNull(spec);
            return this;
        }

        public Builder route53ChangeSyncDelay(Duration delay) {
            this.route53ChangeSyncDelay = nonNegative(delay);
            return this;
        }

        public Builder regionZones(String region, List<AvailabilityZone> zones) {
            this.regionZones.put(region, List.copyOf(zones));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Ec2SimulatorConfig build() {
            return new Ec2SimulatorConfig(this);
        }

        private static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            return d;
        }
    }
}
