package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.SimulatorConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of an {@link AlicloudSimulator}: those of {@link SimulatorConfig} and Alibaba Cloud's own. Build
 * with {@link #builder()} or take {@link #defaults()}. Its rate buckets are per account, region and API,
 * named by the API ({@code rateBucket("CreateVpcEndpoint", …)}).
 */
public final class AlicloudSimulatorConfig extends SimulatorConfig<String> {

    /** Read APIs (List*, Get*, Describe*, Check*) without a bucket of their own. */
    public static final RateBucketSpec DEFAULT_READ_BUCKET = new RateBucketSpec(100, 20);
    /** Every other API without a bucket of its own. */
    public static final RateBucketSpec DEFAULT_WRITE_BUCKET = new RateBucketSpec(20, 5);

    private Duration activeDelay = Duration.ofSeconds(1);
    private Duration connectDelay = Duration.ofMillis(500);
    private Duration disconnectDelay = Duration.ofMillis(200);

    private AlicloudSimulatorConfig() {
        super(Map.of());
    }

    public static AlicloudSimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
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

    /**
     * The bucket an API draws from: its own, else {@link #DEFAULT_READ_BUCKET} or {@link #DEFAULT_WRITE_BUCKET}
     * (Alibaba Cloud publishes per-API limits; these defaults are a stand-in).
     */
    public RateBucketSpec bucketOf(String action) {
        RateBucketSpec own = rateBucket(action);
        if (own != null) {
            return own;
        }
        boolean read = action.startsWith("List") || action.startsWith("Get") || action.startsWith("Describe")
                || action.startsWith("Check");
        return read ? DEFAULT_READ_BUCKET : DEFAULT_WRITE_BUCKET;
    }

    /** Three made-up zones: {@code cn-hangzhou} → {@code cn-hangzhou-a..c}; {@code ap-southeast-1} → {@code ap-southeast-1a..c}. */
    @Override
    protected List<String> defaultZones(String region) {
        String sep = Character.isDigit(region.charAt(region.length() - 1)) ? "" : "-";
        return List.of(region + sep + "a", region + sep + "b", region + sep + "c");
    }

    public static final class Builder extends SimulatorConfig.Builder<String, AlicloudSimulatorConfig, Builder> {

        private Builder() {
            super(new AlicloudSimulatorConfig());
        }

        public Builder activeDelay(Duration delay) {
            config.activeDelay = nonNegative(delay);
            return this;
        }

        public Builder connectDelay(Duration delay) {
            config.connectDelay = nonNegative(delay);
            return this;
        }

        public Builder disconnectDelay(Duration delay) {
            config.disconnectDelay = nonNegative(delay);
            return this;
        }
    }
}
