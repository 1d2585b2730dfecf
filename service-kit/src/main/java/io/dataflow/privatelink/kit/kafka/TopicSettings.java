package io.dataflow.privatelink.kit.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service expects of one of its topics, and how a topic that exists already differs from it.
 * A difference is reported; one that breaks a guarantee the service gives is refused: a compacted topic
 * that is not compacted (or deletes by age), an event topic that is compacted (earlier events of a
 * connection would vanish) or keeps its records for less than {@code plc.kafka.retention-ms} (the read
 * models are rebuilt from the whole log).
 */
public record TopicSettings(String name, boolean compacted, int partitions, short replicationFactor,
                            Map<String, String> configs) {

    /** One difference between an existing topic and these settings. */
    public record Difference(boolean refused, String message) {
    }

    /** The settings of a topic of {@code config}'s (compacted or an event or dead-letter topic). */
    public static TopicSettings of(String name, boolean compacted, KafkaTopicsConfig config) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(config.deleteRetention().toMillis()));
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retentionMs()));
        }
        config.minInsyncReplicas().ifPresent(n -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, n.toString()));
        return new TopicSettings(name, compacted, config.partitions(), config.replicationFactor(), Map.copyOf(configs));
    }

    NewTopic newTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    /**
     * How an existing topic with these partition and replica counts and this configuration (the broker's
     * effective values) differs from what is expected.
     */
    public List<Difference> differences(int foundPartitions, int foundReplicationFactor, Map<String, String> found) {
        List<Difference> differences = new ArrayList<>();
        String policy = found.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        boolean compacts = policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        boolean deletes = policy.contains(TopicConfig.CLEANUP_POLICY_DELETE);
        long retention = Long.parseLong(found.getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        if (compacted) {
            if (!compacts) {
                differences.add(differs(true, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT, policy,
                        "readers would lose connections' latest snapshots"));
            } else if (deletes && retention >= 0) {
                differences.add(differs(true, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        policy + " with retention.ms " + retention, "snapshots older than that would vanish"));
            }
            long deleteRetention = Long.parseLong(found.getOrDefault(TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000"));
            long expected = Long.parseLong(configs.get(TopicConfig.DELETE_RETENTION_MS_CONFIG));
            if (deleteRetention < expected) {
                differences.add(differs(false, TopicConfig.DELETE_RETENTION_MS_CONFIG, "at least " + expected,
                        Long.toString(deleteRetention), "a reader away for longer misses deletions"));
            }
        } else {
            if (compacts) {
                differences.add(differs(true, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE, policy,
                        "compaction would remove a connection's earlier events"));
            }
            long needed = Long.parseLong(configs.get(TopicConfig.RETENTION_MS_CONFIG));
            if (deletes && retention >= 0 && (needed < 0 || retention < needed)) {
                differences.add(differs(true, TopicConfig.RETENTION_MS_CONFIG, needed < 0 ? "-1 (forever)" : "at least " + needed,
                        Long.toString(retention), "the read models are rebuilt from the whole log"));
            }
        }
        if (foundPartitions < partitions) {
            differences.add(differs(false, "partitions", "at least " + partitions, Integer.toString(foundPartitions),
                    "fewer instances can share the work"));
        }
        if (foundReplicationFactor < replicationFactor) {
            differences.add(differs(false, "replication factor", "at least " + replicationFactor,
                    Integer.toString(foundReplicationFactor), "a broker's loss may lose acknowledged events"));
        }
        String minInsync = configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        String foundMinInsync = found.getOrDefault(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        if (minInsync != null && Integer.parseInt(foundMinInsync) < Integer.parseInt(minInsync)) {
            differences.add(differs(false, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "at least " + minInsync, foundMinInsync,
                    "a write may be acknowledged by fewer replicas"));
        }
        return differences;
    }

    private Difference differs(boolean refused, String setting, String expected, String found, String consequence) {
        return new Difference(refused, "topic " + name + ": " + setting + " expected " + expected + ", found " + found
                + " (" + consequence + ")");
    }
}
