package io.dataflow.privatelink.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.contract.ResourceTags;
import io.dataflow.privatelink.deploy.local.LocalStack;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The invariants a chaos run must end with, each checked against the truth: the simulated clouds' own
 * state (endpoints, zones, what names resolve to), the Kafka log, and what the subscribers saw.
 */
final class Audit {


    /** One invariant: how many things it looked at, and what was wrong. */
    record Check(String invariant, int checked, List<String> violations) {
    }

    private final LocalStack stack;
    private final PlatformApi api;
    private final Map<String, String> env;
    private final List<Intent> intents;
    private final Map<String, StatusSubscriber> subscribers;
    private final Set<String> poison;
    private final Map<String, JsonNode> readModel = new HashMap<>();

    Audit(LocalStack stack, PlatformApi api, Map<String, String> env, List<Intent> intents,
          Map<String, StatusSubscriber> subscribers, Set<String> poison) {
        this.stack = stack;
        this.api = api;
        this.env = env;
        this.intents = intents;
        this.subscribers = subscribers;
        this.poison = poison;
    }

    List<Check> run() throws Exception {
        List<Check> checks = new ArrayList<>();
        checks.add(workloadFinished());
        checks.add(workloadCoveredEveryPath());
        checks.add(createsTookEffectOnce());
        checks.add(readModelsMatchIntent());
        checks.add(oneEndpointPerLiveConnection());
        checks.add(oneZonePerLiveAttachment());
        checks.add(attachedDomainsResolve());
        checks.add(routingTableServesAttachedNames());
        checks.add(historyEndsInTheCurrentState());
        checks.add(compactedTopicHoldsTheLatest());
        checks.add(subscribersSawEveryChangeOnceInOrder());
        checks.add(consumerLagIsZero());
        checks.add(deadLettersHoldOnlyThePoison());
        return checks;
    }

    private List<Intent> created() {
        return intents.stream().filter(i -> i.connectionId != null).toList();
    }

    private List<Intent> live() {
        return created().stream().filter(i -> !i.deleted).toList();
    }

    private Check workloadFinished() {
        List<String> violations = intents.stream().filter(i -> i.failure != null)
                .map(i -> "connection #" + i.index + " (" + i.connectionId + "): " + i.failure).toList();
        return new Check("every workload step was answered and took effect", intents.size(), violations);
    }

    /** A run that never took a path proves nothing about it: both clouds, every decision, both domain types. */
    private Check workloadCoveredEveryPath() {
        List<String> violations = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        seen.put("AWS connections", created().stream().filter(i -> i.cloud == Intent.Cloud.AWS).count());
        seen.put("Alibaba Cloud connections", created().stream().filter(i -> i.cloud == Intent.Cloud.ALICLOUD).count());
        seen.put("accepted", created().stream().filter(i -> "ACTIVE".equals(i.expectedState) || i.deleted).count());
        seen.put("rejected", created().stream().filter(i -> "FAILED".equals(i.expectedState)).count());
        seen.put("left pending", created().stream().filter(i -> "PENDING_ACCEPTANCE".equals(i.expectedState)).count());
        seen.put("deleted", created().stream().filter(i -> i.deleted).count());
        List<Intent.Attachment> attachments = created().stream().flatMap(i -> i.attachments.stream()).toList();
        seen.put("managed domains", attachments.stream().filter(a -> a.type().equals("TIDBCLOUD_MANAGED")).count());
        seen.put("Confluent domains", attachments.stream().filter(a -> a.type().equals("CONFLUENT")).count());
        seen.put("detached", attachments.stream().filter(Intent.Attachment::detached).count());
        if (intents.size() >= 50) {
            seen.forEach((path, n) -> {
                if (n == 0) {
                    violations.add("no " + path);
                }
            });
        }
        System.out.println("chaos » workload: " + seen);
        return new Check("the workload took every path (clouds, decisions, domain types, deletes)", seen.size(),
                violations);
    }

    private Check createsTookEffectOnce() {
        List<String> violations = new ArrayList<>();
        Set<String> ids = created().stream().map(i -> i.connectionId).collect(Collectors.toSet());
        if (ids.size() != created().size()) {
            violations.add(created().size() + " creates answered with only " + ids.size() + " distinct ids");
        }
        Set<String> listed = new HashSet<>();
        for (String cluster : List.of(env.get("PLC_AWS_CLUSTER_ID"), env.get("PLC_ALICLOUD_CLUSTER_ID"))) {
            for (JsonNode c : api.list(cluster)) {
                String id = c.path("privateLinkConnectionId").asText();
                if (!listed.add(id)) {
                    violations.add(id + " listed twice");
                }
                readModel.put(id, c);
            }
        }
        Set<String> expected = live().stream().map(i -> i.connectionId).collect(Collectors.toSet());
        for (String id : listed) {
            if (!expected.contains(id)) {
                violations.add(id + " is listed but was " + (ids.contains(id) ? "deleted" : "never created by a command"));
            }
        }
        for (String id : expected) {
            if (!listed.contains(id)) {
                violations.add(id + " was created and not deleted but is not listed");
            }
        }
        return new Check("every create took effect exactly once (API list = creates - deletes)", intents.size(),
                violations);
    }

    private Check readModelsMatchIntent() {
        List<String> violations = new ArrayList<>();
        for (Intent intent : created()) {
            String url = api.connection(env.get(intent.clusterEnv()), intent.connectionId);
            PlatformApi.Answer answer = api.get(url);
            if (intent.deleted) {
                if (answer.status() != 404) {
                    violations.add(intent.connectionId + " deleted but GET answers " + answer.status());
                }
                continue;
            }
            if (answer.status() != 200) {
                violations.add(intent.connectionId + ": GET answers " + answer.status());
                continue;
            }
            JsonNode c = answer.body();
            readModel.put(intent.connectionId, c);
            if (intent.expectedState != null && !intent.expectedState.equals(c.path("state").asText())) {
                violations.add(intent.connectionId + " is " + c.path("state").asText() + ", expected "
                        + intent.expectedState);
            }
            Set<String> expectedAttachments = new HashSet<>();
            for (Intent.Attachment a : intent.liveAttachments()) {
                expectedAttachments.add(a.attachDomainId());
                if (!Workload.domainsActive(c, a.attachDomainId())) {
                    violations.add(intent.connectionId + ": attachment " + a.attachDomainId() + " not all ACTIVE: "
                            + Workload.attachmentOf(c, a.attachDomainId()));
                }
            }
            for (JsonNode a : c.path("attachedDomains")) {
                if (!expectedAttachments.contains(a.path("attachDomainId").asText())) {
                    violations.add(intent.connectionId + ": unexpected attachment " + a);
                }
            }
        }
        return new Check("read model: each connection's state and domains are what was done to it",
                created().size(), violations);
    }

    private Check oneEndpointPerLiveConnection() {
        List<String> violations = new ArrayList<>();
        Map<String, List<String>> endpointsOf = new HashMap<>();
        stack.ec2().endpointsTagged(ResourceTags.CONNECTION_ID).forEach((endpoint, connection) -> {
            if (connection != null) {
                endpointsOf.computeIfAbsent(connection, k -> new ArrayList<>()).add(endpoint);
            }
        });
        String marker = ResourceTags.CONNECTION_ID + "=";
        stack.alicloud().endpointDescriptions().forEach((endpoint, description) -> {
            if (description != null && description.contains(marker)) {
                String connection = description.substring(description.indexOf(marker) + marker.length()).split("[\\s;,]", -1)[0];
                endpointsOf.computeIfAbsent(connection, k -> new ArrayList<>()).add(endpoint);
            }
        });
        Set<String> liveIds = new HashSet<>();
        for (Intent intent : created()) {
            List<String> endpoints = endpointsOf.getOrDefault(intent.connectionId, List.of());
            if (intent.deleted) {
                if (!endpoints.isEmpty()) {
                    violations.add(intent.connectionId + " deleted, but its endpoints remain: " + endpoints);
                }
                continue;
            }
            liveIds.add(intent.connectionId);
            boolean failed = "FAILED".equals(intent.expectedState);
            if (endpoints.size() > 1 || (!failed && endpoints.size() != 1)) {
                violations.add(intent.connectionId + " has " + endpoints.size() + " endpoints: " + endpoints);
            } else if (!failed && !endpoints.get(0).equals(intent.endpointId)) {
                violations.add(intent.connectionId + ": the cloud's endpoint " + endpoints.get(0)
                        + " is not the one it reported, " + intent.endpointId);
            }
        }
        endpointsOf.keySet().stream().filter(id -> !liveIds.contains(id) && created().stream()
                        .noneMatch(i -> id.equals(i.connectionId)))
                .forEach(orphan -> violations.add("orphan endpoints " + endpointsOf.get(orphan) + " tagged " + orphan));
        return new Check("exactly one endpoint per live connection, none for deleted ones, no orphans",
                endpointsOf.size() + created().size(), violations);
    }

    private Check oneZonePerLiveAttachment() {
        List<String> violations = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        stack.ec2().route53Zones().forEach(z -> zones.add(String.valueOf(z.get("name"))));
        zones.addAll(stack.alicloud().privateZoneNames());
        Set<String> liveNames = new HashSet<>();
        for (Intent intent : created()) {
            for (Intent.Attachment a : intent.attachments) {
                long count = zones.stream().filter(z -> z.contains(a.uniqueName())).count();
                boolean live = !intent.deleted && !a.detached();
                if (live) {
                    liveNames.add(a.uniqueName());
                }
                if (count != (live ? 1 : 0)) {
                    violations.add(a.attachDomainId() + " (" + a.uniqueName() + ", " + (live ? "attached" : "removed")
                            + "): " + count + " zones");
                }
            }
        }
        zones.stream().filter(z -> liveNames.stream().noneMatch(z::contains))
                .filter(z -> created().stream().flatMap(i -> i.attachments.stream())
                        .noneMatch(a -> z.contains(a.uniqueName())))
                .forEach(z -> violations.add("orphan zone " + z));
        return new Check("exactly one private zone per live attachment, none for removed ones, no orphans",
                zones.size(), violations);
    }

    private Check attachedDomainsResolve() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Intent intent : live()) {
            JsonNode c = readModel.get(intent.connectionId);
            for (Intent.Attachment a : intent.liveAttachments()) {
                JsonNode attachment = c == null ? null : Workload.attachmentOf(c, a.attachDomainId());
                if (attachment == null) {
                    continue; // reported by the read-model check
                }
                for (JsonNode domain : attachment.path("domains")) {
                    String host = domain.path("name").asText().replace("*", "b1");
                    DnsAnswer answer = intent.cloud == Intent.Cloud.AWS
                            ? stack.ec2().resolve(env.get("PLC_AWS_PLATFORM_VPC"), host)
                            : stack.alicloud().resolve(env.get("PLC_ALICLOUD_PLATFORM_VPC"), host);
                    checked++;
                    if (!DnsAnswer.NOERROR.equals(answer.status())) {
                        violations.add(host + " does not resolve in the platform VPC: " + answer);
                    }
                }
            }
        }
        return new Check("every attached domain resolves in the platform VPC", checked, violations);
    }

    private Check routingTableServesAttachedNames() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Intent intent : live()) {
            JsonNode c = readModel.get(intent.connectionId);
            for (Intent.Attachment a : intent.liveAttachments()) {
                JsonNode attachment = c == null ? null : Workload.attachmentOf(c, a.attachDomainId());
                if (attachment == null || attachment.path("domains").isEmpty()) {
                    continue;
                }
                String host = attachment.path("domains").get(0).path("name").asText().replace("*", "b1");
                PlatformApi.Answer route = api.get(api.connections(env.get(intent.clusterEnv())) + ":lookupHost?hostname="
                        + URLEncoder.encode(host, StandardCharsets.UTF_8));
                checked++;
                if (route.status() != 200 || !intent.connectionId.equals(route.body().path("privateLinkConnectionId").asText())) {
                    violations.add(host + " is routed to " + route.status() + " " + route.body());
                }
            }
        }
        return new Check("the routing table serves each attached name to its connection", checked, violations);
    }

    private Check historyEndsInTheCurrentState() {
        List<String> violations = new ArrayList<>();
        for (Intent intent : created()) {
            PlatformApi.Answer history = api.get(api.connection(env.get(intent.clusterEnv()), intent.connectionId)
                    + "/history");
            if (history.status() != 200) {
                violations.add(intent.connectionId + ": history answers " + history.status());
                continue;
            }
            JsonNode changes = history.body().path("stateChanges");
            String last = changes.isEmpty() ? null : changes.get(changes.size() - 1).path("state").asText();
            if (intent.deleted ? !history.body().path("deleted").asBoolean()
                    : !String.valueOf(intent.expectedState).equals(last)) {
                violations.add(intent.connectionId + ": history ends " + last + " (deleted="
                        + history.body().path("deleted") + "), expected " + intent.expectedState);
            }
        }
        return new Check("each connection's history ends in its current state", created().size(), violations);
    }

    private Check compactedTopicHoldsTheLatest() throws IOException {
        List<String> violations = new ArrayList<>();
        Map<String, String> latest = new LinkedHashMap<>();
        try (TopicProbe topic = TopicProbe.fromBeginning(env.get("PLC_KAFKA_BOOTSTRAP_SERVERS"), "plc.connections.v1")) {
            for (ConsumerRecord<String, String> record : topic.readToEnd()) {
                latest.put(record.key(), record.value());
            }
        }
        for (Intent intent : created()) {
            String value = latest.get(intent.connectionId);
            if (intent.deleted) {
                if (value != null) {
                    violations.add(intent.connectionId + " deleted, but its latest record is not a tombstone");
                }
            } else if (value == null) {
                violations.add(intent.connectionId + " has no snapshot (or a tombstone)");
            } else {
                JsonNode snapshot = PlatformApi.JSON.readTree(value);
                JsonNode expected = readModel.get(intent.connectionId);
                if (expected != null && !expected.path("state").equals(snapshot.path("state"))) {
                    violations.add(intent.connectionId + ": topic says " + snapshot.path("state") + ", API "
                            + expected.path("state"));
                } else if (expected != null && !expected.path("attachedDomains").equals(snapshot.path("attachedDomains"))) {
                    violations.add(intent.connectionId + ": topic and API differ in attached domains");
                }
            }
        }
        return new Check("plc.connections.v1 holds each connection's latest snapshot (tombstone once deleted)",
                created().size(), violations);
    }

    private Check subscribersSawEveryChangeOnceInOrder() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, StatusSubscriber> entry : subscribers.entrySet()) {
            String cluster = entry.getKey();
            Map<String, List<StatusSubscriber.Seen>> byConnection = new HashMap<>();
            Map<String, List<StatusSubscriber.Seen>> replay = replayFromTheStart(cluster, entry.getValue().lastId());
            Set<Long> ids = new HashSet<>();
            for (StatusSubscriber.Seen seen : entry.getValue().seen()) {
                if (!ids.add(seen.id())) {
                    violations.add("cluster " + cluster + ": event " + seen.id() + " delivered twice");
                }
                byConnection.computeIfAbsent(seen.connectionId(), k -> new ArrayList<>()).add(seen);
            }
            for (Intent intent : created()) {
                if (!env.get(intent.clusterEnv()).equals(cluster)) {
                    continue;
                }
                checked++;
                List<StatusSubscriber.Seen> events = byConnection.getOrDefault(intent.connectionId, List.of());
                for (int i = 1; i < events.size(); i++) {
                    if (events.get(i).id() <= events.get(i - 1).id()) {
                        violations.add(intent.connectionId + ": event " + events.get(i).id() + " after "
                                + events.get(i - 1).id());
                    }
                }
                StatusSubscriber.Seen last = events.isEmpty() ? null : events.get(events.size() - 1);
                if (last == null) {
                    violations.add(intent.connectionId + ": its subscriber saw nothing of it");
                } else if (intent.deleted ? !"deleted".equals(last.kind())
                        : !String.valueOf(intent.expectedState).equals(last.state())) {
                    violations.add(intent.connectionId + ": its subscriber last saw " + last + ", expected "
                            + (intent.deleted ? "deleted" : intent.expectedState));
                }
                List<StatusSubscriber.Seen> logged = replay.getOrDefault(intent.connectionId, List.of());
                if (!events.equals(logged)) {
                    violations.add(intent.connectionId + ": its subscriber saw " + events
                            + ", the change log holds " + logged);
                }
            }
        }
        return new Check("each subscriber saw every change of its cluster once, in order (= the change log)",
                checked, violations);
    }

    /**
     * The change log's truth for a cluster: every change from the first, read by a new subscriber that
     * resumes from id 0, up to the last id the long-lived subscriber saw; by connection.
     */
    private Map<String, List<StatusSubscriber.Seen>> replayFromTheStart(String cluster, long upTo) {
        Map<String, List<StatusSubscriber.Seen>> byConnection = new HashMap<>();
        try (StatusSubscriber replay = new StatusSubscriber(api.connections(cluster) + ":watch", api.token(), 0)) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (replay.lastId() < upTo && System.nanoTime() < deadline) {
                PlatformApi.pause(200);
            }
            for (StatusSubscriber.Seen seen : replay.seen()) {
                if (seen.id() <= upTo) {
                    byConnection.computeIfAbsent(seen.connectionId(), k -> new ArrayList<>()).add(seen);
                }
            }
        }
        return byConnection;
    }

    private Check consumerLagIsZero() throws Exception {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Admin admin = admin()) {
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
                if (!group.groupId().startsWith("provider-worker") && !group.groupId().startsWith("domain-service")
                        && !group.groupId().startsWith("connection-service")) {
                    continue; // the harness's own probes
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    checked++;
                    long lag = ends.get(entry.getKey()).offset() - entry.getValue().offset();
                    if (lag != 0) {
                        violations.add(group.groupId() + " " + entry.getKey() + ": lag " + lag);
                    }
                }
            }
        }
        return new Check("every consumer group caught up (lag 0)", checked, violations);
    }

    private Check deadLettersHoldOnlyThePoison() throws ExecutionException, InterruptedException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        Set<String> dlqs;
        try (Admin admin = admin()) {
            dlqs = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
        }
        int requestDlqs = 0;
        for (String dlq : dlqs) {
            Set<String> found = new HashSet<>();
            try (TopicProbe letters = TopicProbe.fromBeginning(env.get("PLC_KAFKA_BOOTSTRAP_SERVERS"), dlq)) {
                for (ConsumerRecord<String, String> record : letters.readToEnd()) {
                    checked++;
                    if (!poison.contains(record.value())) {
                        violations.add(dlq + " holds a record that was not poisoned: key " + record.key());
                    }
                    found.add(record.value());
                }
            }
            if (dlq.startsWith("plc.connection-requests.v1.")) {
                requestDlqs++;
                if (!found.containsAll(poison)) {
                    violations.add(dlq + " lacks some of the " + poison.size() + " poisoned records");
                }
            }
        }
        if (!poison.isEmpty() && requestDlqs < 3) {
            violations.add("only " + requestDlqs + " dead-letter topics for the request topic's 3 consumers");
        }
        return new Check("dead-letter topics hold the poisoned records and nothing else", checked, violations);
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("PLC_KAFKA_BOOTSTRAP_SERVERS"));
        return Admin.create(p);
    }
}
