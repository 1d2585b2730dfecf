package io.dataflow.privatelink.kit.kafka;

import io.dataflow.privatelink.infra.SharedInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up check of the topics ({@link TopicBootstrap#ensure}, what its start-up observer runs)
 * against the real embedded broker: one broker, so replication 1.
 */
class TopicBootstrapTest {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void missingTopicsAreCreatedWithTheirSettingsAndThenPassTheCheck() throws Exception {
        TopicSettings snapshots = compacted("kit.snapshots." + UUID.randomUUID());
        TopicSettings events = events("kit.log." + UUID.randomUUID());
        TopicBootstrap.ensure(admin, List.of(snapshots, events), true);

        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, setting(snapshots.name(), TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals("604800000", setting(snapshots.name(), TopicConfig.DELETE_RETENTION_MS_CONFIG));
        assertEquals("-1", setting(events.name(), TopicConfig.RETENTION_MS_CONFIG));
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, setting(events.name(), TopicConfig.CLEANUP_POLICY_CONFIG));
        assertDoesNotThrow(() -> TopicBootstrap.ensure(admin, List.of(snapshots, events), false), "a second start");
    }

    @Test
    void aMatchingTopicMadeBySomeoneElsePasses() throws Exception {
        TopicSettings snapshots = compacted("kit.snapshots." + UUID.randomUUID());
        create(snapshots.name(), 3, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "604800000"));
        assertDoesNotThrow(() -> TopicBootstrap.ensure(admin, List.of(snapshots), true));
    }

    @Test
    void aSnapshotTopicThatIsNotCompactedStopsStartUpWithTheTopicSettingAndBothValues() throws Exception {
        TopicSettings snapshots = compacted("kit.snapshots." + UUID.randomUUID());
        create(snapshots.name(), 3, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicBootstrap.ensure(admin, List.of(snapshots), true));
        assertTrue(e.getMessage().contains("topic " + snapshots.name() + ": cleanup.policy expected compact, found delete"),
                e.getMessage());
    }

    @Test
    void anEventTopicThatIsCompactedOrForgetsEventsStopsStartUp() throws Exception {
        TopicSettings compactedLog = events("kit.log." + UUID.randomUUID());
        create(compactedLog.name(), 3, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"));
        TopicSettings shortLog = events("kit.log." + UUID.randomUUID());
        create(shortLog.name(), 3, Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicBootstrap.ensure(admin, List.of(compactedLog, shortLog), true));
        assertTrue(e.getMessage().contains("topic " + compactedLog.name() + ": cleanup.policy expected delete, found compact"),
                e.getMessage());
        assertTrue(e.getMessage().contains("topic " + shortLog.name() + ": retention.ms expected -1 (forever), found 86400000"),
                e.getMessage());
    }

    @Test
    void fewerPartitionsOrReplicasThanConfiguredAreReportedButAccepted() throws Exception {
        TopicSettings events = events("kit.log." + UUID.randomUUID());
        create(events.name(), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        List<TopicSettings.Difference> differences = new TopicSettings(events.name(), false, 3, (short) 3, events.configs())
                .differences(1, 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        assertEquals(List.of(
                new TopicSettings.Difference(false, "topic " + events.name()
                        + ": partitions expected at least 3, found 1 (fewer instances can share the work)"),
                new TopicSettings.Difference(false, "topic " + events.name()
                        + ": replication factor expected at least 3, found 1 (a broker's loss may lose acknowledged events)")),
                differences);
        assertDoesNotThrow(() -> TopicBootstrap.ensure(admin, List.of(events), true));
    }

    private static TopicSettings compacted(String name) {
        return new TopicSettings(name, true, 3, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "604800000"));
    }

    private static TopicSettings events(String name) {
        return new TopicSettings(name, false, 3, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete",
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    private static void create(String name, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    }

    private static String setting(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
    }
}
