package io.dataflow.privatelink.kit.kafka;

import io.dataflow.privatelink.kit.messaging.DeadLetters;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the service's topics, and the dead-letter topics of those it consumes, before its consumers
 * subscribe. A consumer that subscribes to a topic that does not exist yet only notices it at its next
 * metadata refresh, which delays the first events.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    private final KafkaTopicsConfig config;
    private final String bootstrapServers;

    TopicBootstrap(KafkaTopicsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Every topic this service needs: its own, and a dead-letter topic per consumed one. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(config.topics().orElse(List.of()));
        for (String consumed : config.consumedTopics().orElse(List.of())) {
            topics.add(DeadLetters.topicFor(consumed, config.consumerName()));
        }
        return topics;
    }

    void createTopics(@Observes @Priority(1) StartupEvent startup)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = topics();
        if (!config.createTopics() || topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    NewTopic newTopic = new NewTopic(topic, config.partitions(), config.replicationFactor());
                    if (config.compactedTopics().orElse(List.of()).contains(topic)) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    } else {
                        newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retentionMs())));
                    }
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
