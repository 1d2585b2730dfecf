package io.dataflow.privatelink.kit.kafka;

import io.dataflow.privatelink.kit.messaging.DeadLetters;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates the service's topics, and the dead-letter topics of those it consumes, before its consumers
 * subscribe (a consumer that subscribes to a topic that does not exist yet only notices it at its next
 * metadata refresh, which delays the first events). Then checks every one of them, made here or by
 * someone else: a difference from {@link TopicSettings} is logged as a WARN, and one that breaks a
 * guarantee stops start-up with every such difference in the message.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaTopicsConfig config;
    private final KafkaClientSettings kafka;

    TopicBootstrap(KafkaTopicsConfig config, KafkaClientSettings kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Every topic this service needs: its own, and a dead-letter topic per consumed one. */
    public List<String> topics() {
        return settings().stream().map(TopicSettings::name).toList();
    }

    List<TopicSettings> settings() {
        List<String> compacted = config.compactedTopics().orElse(List.of());
        List<TopicSettings> topics = new ArrayList<>();
        for (String topic : config.topics().orElse(List.of())) {
            topics.add(TopicSettings.of(topic, compacted.contains(topic), config));
        }
        for (String consumed : config.consumedTopics().orElse(List.of())) {
            topics.add(TopicSettings.of(DeadLetters.topicFor(consumed, config.consumerName()), false, config));
        }
        return topics;
    }

    void createTopics(@Observes @Priority(1) StartupEvent startup)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicSettings> topics = settings();
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(kafka.forClient())) {
            ensure(admin, topics, config.createTopics());
        }
    }

    /**
     * Creates the missing topics (when {@code create}) and checks all of them.
     *
     * @throws IllegalStateException naming each refused difference (topic, setting, expected, found)
     */
    public static void ensure(Admin admin, List<TopicSettings> topics, boolean create)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicSettings topic : topics) {
            if (existing.contains(topic.name()) || !create) {
                continue;
            }
            try {
                admin.createTopics(List.of(topic.newTopic())).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("Created topic %s", topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        List<String> refused = new ArrayList<>();
        for (TopicSettings topic : topics) {
            for (TopicSettings.Difference difference : differences(admin, topic)) {
                LOG.warn(difference.message());
                if (difference.refused()) {
                    refused.add(difference.message());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Kafka topics this service relies on are set up in a way that breaks it:\n"
                    + refused.stream().map(line -> "  " + line + "\n").collect(Collectors.joining())
                    + "Change the topics' settings (kafka-configs.sh --alter), or recreate them, and start again.");
        }
    }

    private static List<TopicSettings.Difference> differences(Admin admin, TopicSettings topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic.name())).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic.name());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return List.of(new TopicSettings.Difference(false, "topic " + topic.name()
                        + ": does not exist (plc.kafka.create-topics is off: create it as README's settings say)"));
            }
            throw e;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        Map<String, String> found = new HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() != null) {
                found.put(entry.name(), entry.value());
            }
        }
        int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        return topic.differences(description.partitions().size(), replicas, found);
    }
}
