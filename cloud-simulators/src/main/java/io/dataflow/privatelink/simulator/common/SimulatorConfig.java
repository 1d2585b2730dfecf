package io.dataflow.privatelink.simulator.common;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every simulator's settings have: where it listens, where it keeps its state, its clock, how long a
 * deleted endpoint lingers, its API rate buckets and the zones of each region. Each simulator's config adds
 * its own and is made by its {@link Builder}; a built config is a copy no builder touches any more.
 *
 * @param <Z> what the cloud's availability zones are
 */
public abstract class SimulatorConfig<Z> implements Cloneable {

    private String bindAddress = "127.0.0.1";
    private Path stateFolder;
    private Clock clock = Clock.systemUTC();
    private Duration deletionDelay = Duration.ofMillis(200);
    private boolean rateLimitsEnabled;
    private Map<String, RateBucketSpec> rateBuckets;
    private Map<String, List<Z>> regionZones = Map.of();

    protected SimulatorConfig(Map<String, RateBucketSpec> defaultRateBuckets) {
        this.rateBuckets = Map.copyOf(defaultRateBuckets);
    }

    /** Address the HTTP server binds to. Default {@code 127.0.0.1}. */
    public String bindAddress() {
        return bindAddress;
    }

    /** Where the simulator keeps its resources across restarts (see {@link CloudSimulator}); empty (the default): in memory only. */
    public Optional<Path> stateFolder() {
        return Optional.ofNullable(stateFolder);
    }

    /** Clock for timestamps and lifecycle delays. Default system UTC. */
    public Clock clock() {
        return clock;
    }

    /** How long a deleted endpoint stays deleting before it disappears. Default 200 ms. */
    public Duration deletionDelay() {
        return deletionDelay;
    }

    /** Whether the API rate buckets are enforced from the start. Default false. */
    public boolean rateLimitsEnabled() {
        return rateLimitsEnabled;
    }

    /** The rate bucket {@code name} (what names a bucket is each cloud's: see its config), null when none is set. */
    public RateBucketSpec rateBucket(String name) {
        return rateBuckets.get(name);
    }

    /** The zones of a region: configured ones, else the cloud's made-up defaults. */
    public List<Z> zonesOf(String region) {
        List<Z> zones = regionZones.get(region);
        return zones != null ? zones : defaultZones(region);
    }

    protected abstract List<Z> defaultZones(String region);

    /**
     * Sets the settings of a config of its own and hands out copies of it.
     *
     * @param <B> the subclass, which adds its cloud's settings
     */
    public abstract static class Builder<Z, C extends SimulatorConfig<Z>, B extends Builder<Z, C, B>> {

        protected final C config;

        protected Builder(C config) {
            this.config = config;
        }

        public B bindAddress(String bindAddress) {
            base().bindAddress = Objects.requireNonNull(bindAddress);
            return self();
        }

        /** Keep the resources in this folder: restored from it before the first request is served. */
        public B stateFolder(Path folder) {
            base().stateFolder = Objects.requireNonNull(folder);
            return self();
        }

        public B clock(Clock clock) {
            base().clock = Objects.requireNonNull(clock);
            return self();
        }

        public B deletionDelay(Duration delay) {
            base().deletionDelay = nonNegative(delay);
            return self();
        }

        public B rateLimitsEnabled(boolean enabled) {
            base().rateLimitsEnabled = enabled;
            return self();
        }

        /** Sets the rate bucket {@code name}, e.g. {@code rateBucket("CreateVpcEndpoint", new RateBucketSpec(2, 0.5))}. */
        public B rateBucket(String name, RateBucketSpec spec) {
            base().rateBuckets = with(base().rateBuckets, Objects.requireNonNull(name), Objects.requireNonNull(spec));
            return self();
        }

        public B regionZones(String region, List<Z> zones) {
            base().regionZones = with(base().regionZones, Objects.requireNonNull(region), List.copyOf(zones));
            return self();
        }

        @SuppressWarnings("unchecked")
        public C build() {
            try {
                return (C) config.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        protected static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            return d;
        }

        private SimulatorConfig<Z> base() {
            return config;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        private static <K, V> Map<K, V> with(Map<K, V> map, K key, V value) {
            Map<K, V> copy = new HashMap<>(map);
            copy.put(key, value);
            return Map.copyOf(copy);
        }
    }
}
