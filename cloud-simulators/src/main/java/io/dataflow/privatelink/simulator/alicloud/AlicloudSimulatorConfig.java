package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link AlicloudSimulator}. Immutable; build with {@link #builder()} or take
 * {@link #defaults()}.
 */
public final class AlicloudSimulatorConfig {

    /** Read APIs (List*, Get*, Describe*): one bucket per account, region and API. */
    public static final RateBucketSpec DEFAULT_READ_BUCKET = new RateBucketSpec(100, 20);
    /** Every other API: one bucket per account, region and API. */
    public static final RateBucketSpec DEFAULT_WRITE_BUCKET = new RateBucketSpec(20, 5);

    private final String bindAddress;
    private final Path stateFolder;
    private final Duration activeDelay;
    private final Duration connectDelay;
    private final Duration disconnectDelay;
    private final Duration deletionDelay;
    private final boolean verifySignatures;
    private final boolean rateLimitsEnabled;
    private final RateBucketSpec readBucket;
    private final RateBucketSpec writeBucket;
    private final Map<String, RateBucketSpec> actionBuckets;
    private final Map<String, List<String>> regionZones;
    private final Clock clock;

    private AlicloudSimulatorConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.stateFolder = b.stateFolder;
        this.activeDelay = b.activeDelay;
        this.connectDelay = b.connectDelay;
        this.disconnectDelay = b.disconnectDelay;
        this.deletionDelay = b.deletionDelay;
        this.verifySignatures = b.verifySignatures;
        this.rateLimitsEnabled = b.rateLimitsEnabled;
        this.readBucket = b.readBucket;
        this.writeBucket = b.writeBucket;
        this.actionBuckets = Map.copyOf(b.actionBuckets);
        this.regionZones = Map.copyOf(b.regionZones);
        this.clock = b.clock;
    }

    public static AlicloudSimulatorConfig defaults() {
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

    /** How long a new endpoint stays {@code Creating} before it is {@code Active}. Default 1 s. */
    public Duration activeDelay() {
        return activeDelay;
    }

    /** How long an accepted connection stays {@code Connecting} before it is {@code Connected}. Default 500 ms. */
    public Duration connectDelay() {
        return connectDelay;
    }

    /** How long a rejected connection stays {@code Disconnecting} before it is {@code Disconnected}. Default 200 ms. */
    public Duration disconnectDelay() {
        return disconnectDelay;
    }

    /** How long a deleted endpoint stays {@code Deleting} before it disappears. Default 200 ms. */
    public Duration deletionDelay() {
        return deletionDelay;
    }

    /**
     * Whether requests must carry a valid HMAC-SHA1 signature of the account's secret. Default true; off,
     * the AccessKeyId alone identifies the caller (handy for curl).
     */
    public boolean verifySignatures() {
        return verifySignatures;
    }

    /** Whether the API rate buckets are enforced from the start. Default false. */
    public boolean rateLimitsEnabled() {
        return rateLimitsEnabled;
    }

    /**
     * The bucket an API draws from, per account and region: a configured one for the action, else
     * {@link #DEFAULT_READ_BUCKET}-like for List/Get/Describe APIs and {@link #DEFAULT_WRITE_BUCKET}-like for
     * the rest (Alibaba Cloud publishes per-API limits; these defaults are a stand-in).
     */
    public RateBucketSpec bucketOf(String action) {
        RateBucketSpec spec = actionBuckets.get(action);
        if (spec != null) {
            return spec;
        }
        return isRead(action) ? readBucket : writeBucket;
    }

    static boolean isRead(String action) {
        return action.startsWith("List") || action.startsWith("Get") || action.startsWith("Describe")
                || action.startsWith("Check");
    }

    /**
     * Zones of a region: configured ones, else three made-up ones ({@code cn-hangzhou} →
     * {@code cn-hangzhou-a..c}; {@code ap-southeast-1} → {@code ap-southeast-1a..c}).
     */
    public List<String> zonesOf(String region) {
        List<String> zones = regionZones.get(region);
        if (zones != null) {
            return zones;
        }
        String sep = Character.isDigit(region.charAt(region.length() - 1)) ? "" : "-";
        return List.of(region + sep + "a", region + sep + "b", region + sep + "c");
    }

    /** Clock for timestamps and lifecycle delays. Default system UTC. */
    public Clock clock() {
        return clock;
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private Path stateFolder;
        private Duration activeDelay = Duration.ofSeconds(1);
        private Duration connectDelay = Duration.ofMillis(500);
        private Duration disconnectDelay = Duration.ofMillis(200);
        private Duration deletionDelay = Duration.ofMillis(200);
        private boolean verifySignatures = true;
        private boolean rateLimitsEnabled;
        private RateBucketSpec readBucket = DEFAULT_READ_BUCKET;
        private RateBucketSpec writeBucket = DEFAULT_WRITE_BUCKET;
        private final Map<String, RateBucketSpec> actionBuckets = new HashMap<>();
        private final Map<String, List<String>> regionZones = new HashMap<>();
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

        public Builder activeDelay(Duration delay) {
            this.activeDelay = nonNegative(delay);
            return this;
        }

        public Builder connectDelay(Duration delay) {
            this.connectDelay = nonNegative(delay);
            return this;
        }

        public Builder disconnectDelay(Duration delay) {
            this.disconnectDelay = nonNegative(delay);
            return this;
        }

        public Builder deletionDelay(Duration delay) {
            this.deletionDelay = nonNegative(delay);
            return this;
        }

        public Builder verifySignatures(boolean verify) {
            this.verifySignatures = verify;
            return this;
        }

        public Builder rateLimitsEnabled(boolean enabled) {
            this.rateLimitsEnabled = enabled;
            return this;
        }

        /** The bucket of every List/Get/Describe API without its own. */
        public Builder readBucket(RateBucketSpec spec) {
            this.readBucket = Objects.requireNonNull(spec);
            return this;
        }

        /** The bucket of every other API without its own. */
        public Builder writeBucket(RateBucketSpec spec) {
            this.writeBucket = Objects.requireNonNull(spec);
            return this;
        }

        /** A bucket for one API, e.g. {@code rateBucket("CreateVpcEndpoint", new RateBucketSpec(2, 0.5))}. */
        public Builder rateBucket(String action, RateBucketSpec spec) {
            this.actionBuckets.put(Objects.requireNonNull(action), Objects.requireNonNull(spec));
            return this;
        }

        public Builder regionZones(String region, List<String> zoneIds) {
            this.regionZones.put(region, List.copyOf(zoneIds));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public AlicloudSimulatorConfig build() {
            return new AlicloudSimulatorConfig(this);
        }

        private static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            return d;
        }
    }
}
