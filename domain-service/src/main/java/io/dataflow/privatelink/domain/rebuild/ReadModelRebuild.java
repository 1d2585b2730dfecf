package io.dataflow.privatelink.domain.rebuild;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.kit.kafka.KafkaClientSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The rebuild run ({@code quarkus.profile=rebuild}, started by {@code deploy/local/rebuild-read-models}):
 * this instance projects both topics from their beginning, under its own consumer group, into its own
 * schema. Once it and the live service have both consumed up to the topics' current ends, it compares
 * the two copies; equal, it exits 0; still different when {@code plc.rebuild.timeout} ends, it prints the
 * differences and exits 1. The live service keeps running throughout; nothing of it is changed.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    private final DomainServiceConfig config;
    private final KafkaClientSettings kafka;
    private final List<String> topics;

    ReadModelRebuild(DomainServiceConfig config,
                     KafkaClientSettings kafka,
                     @ConfigProperty(name = "mp.messaging.incoming.connection-events.topics") List<String> topics) {
        this.config = config;
        this.kafka = kafka;
        this.topics = topics;
    }

    void onStart(@Observes StartupEvent startup) {
        if (!config.rebuild().enabled()) {
            return;
        }
        Thread run = new Thread(this::run, "read-model-rebuild");
        run.setDaemon(true);
        run.start();
    }

    private void run() {
        DomainServiceConfig.Rebuild rebuild = config.rebuild();
        Instant started = Instant.now();
        Instant deadline = started.plus(rebuild.timeout());
        List<String> differences = List.of("not compared yet");
        try (Admin admin = Admin.create(kafka.forClient())) {
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, Long> ends = endOffsets(admin);
                if (!caughtUp(admin, rebuild.groupId(), ends, deadline)
                        || !caughtUp(admin, rebuild.liveGroupId(), ends, deadline)) {
                    break;
                }
                differences = compare(rebuild);
                if (differences.isEmpty()) {
                    System.out.printf("Rebuilt the read models from %s into schema %s in %d ms: equal to the live "
                                    + "ones in schema %s.%n", topics, rebuild.schema(),
                            Duration.between(started, Instant.now()).toMillis(), rebuild.liveSchema());
                    Quarkus.asyncExit(0);
                    return;
                }
                // Events arrived meanwhile, and one copy has not projected them yet: look again.
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        } catch (Exception e) {
            LOG.error("Rebuild failed", e);
            differences = List.of(e.toString());
        }
        System.out.printf("Rebuild into schema %s did not match the live read models within %s:%n  %s%n",
                rebuild.schema(), rebuild.timeout(), String.join("\n  ", differences));
        Quarkus.asyncExit(1);
    }

    private static List<String> compare(DomainServiceConfig.Rebuild rebuild) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    ReadModelComparison.differences(rebuild.liveSchema(), rebuild.schema())));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p ->
                    request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get().entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    /** Waits until the group has committed at least {@code ends} on every partition; false at the deadline. */
    private static boolean caughtUp(Admin admin, String groupId, Map<TopicPartition, Long> ends, Instant deadline)
            throws Exception {
        while (Instant.now().isBefore(deadline)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            boolean all = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            if (all) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return false;
    }
}
