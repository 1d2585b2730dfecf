package io.dataflow.privatelink.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The seeded workload: each connection follows a script drawn from its own random stream (seed and
 * index), so a seed always plans the same scripts: create (with an idempotency key), owner accepts (most),
 * rejects (some, AWS) or leaves it pending; then perhaps attach a domain (managed, or Confluent on AWS),
 * perhaps detach it, perhaps delete the connection. A few scripts run at once, as users would.
 */
final class Workload {

    private static final Duration STATE_WAIT = Duration.ofMinutes(4);

    private final PlatformApi api;
    private final CloudOwners owners;
    private final Map<String, String> env;
    private final long seed;
    private final java.util.concurrent.atomic.AtomicInteger notReadyRetries = new java.util.concurrent.atomic.AtomicInteger();

    Workload(PlatformApi api, CloudOwners owners, Map<String, String> env, long seed) {
        this.api = api;
        this.owners = owners;
        this.env = env;
        this.seed = seed;
    }

    /** Plans the connections (same seed, same plan). */
    List<Intent> plan(int connections) {
        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Random random = streamOf(seed, i, 0);
            Intent.Cloud cloud = random.nextDouble() < 0.7 ? Intent.Cloud.AWS : Intent.Cloud.ALICLOUD;
            intents.add(new Intent(i, cloud, new UUID(random.nextLong(), random.nextLong()).toString()));
        }
        return intents;
    }

    /**
     * Connection {@code index}'s own random stream. Seeds are mixed first: {@code java.util.Random}'s first
     * outputs for neighbouring seeds are nearly equal (every connection drew the same cloud).
     */
    static Random streamOf(long seed, int index, int purpose) {
        return new Random(new java.util.SplittableRandom(seed).split().nextLong() ^ mix(index * 2L + purpose));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Runs every script, {@code parallel} at a time, and waits for all of them. */
    void run(List<Intent> intents, int parallel, Duration timeout) throws InterruptedException {
        ExecutorService users = Executors.newFixedThreadPool(parallel);
        List<Future<?>> scripts = new ArrayList<>();
        for (Intent intent : intents) {
            scripts.add(users.submit(() -> {
                try {
                    script(intent, streamOf(seed, intent.index, 1));
                } catch (RuntimeException e) {
                    intent.failure = e.getMessage();
                }
            }));
        }
        users.shutdown();
        if (!users.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            users.shutdownNow();
        }
        for (int i = 0; i < scripts.size(); i++) {
            if (!scripts.get(i).isDone() && intents.get(i).failure == null) {
                intents.get(i).failure = "the script did not finish within " + timeout;
            }
        }
    }

    private void script(Intent intent, Random random) {
        String cluster = env.get(intent.clusterEnv());
        boolean aws = intent.cloud == Intent.Cloud.AWS;
        String body = aws ? """
                {"privateLinkConnection": {"displayName": "chaos-%d", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(intent.index, env.get("PLC_AWS_SERVICE_NAME"))
                : """
                {"privateLinkConnection": {"displayName": "chaos-%d", "type": "ALICLOUD_ENDPOINT_SERVICE",
                 "alicloudEndpointService": {"name": "%s"}}}""".formatted(intent.index, env.get("PLC_ALICLOUD_SERVICE_NAME"));
        PlatformApi.Answer created = PlatformApi.require(api.retrying("POST", api.connections(cluster), body,
                Map.of("Idempotency-Key", intent.idempotencyKey)), 200, "create");
        intent.connectionId = created.body().path("privateLinkConnectionId").asText();
        String url = api.connection(cluster, intent.connectionId);

        JsonNode pending = awaitConnection(url, c -> "PENDING_ACCEPTANCE".equals(c.path("state").asText()),
                "PENDING_ACCEPTANCE");
        intent.endpointId = pending.path(aws ? "awsEndpointService" : "alicloudEndpointService")
                .path("endpointId").asText();

        double decision = random.nextDouble();
        if (decision < 0.75) {
            if (aws) {
                owners.acceptAws(intent.endpointId);
            } else {
                owners.acceptAlicloud(intent.endpointId);
            }
            intent.expectedState = "ACTIVE";
        } else if (aws && decision < 0.85) {
            owners.rejectAws(intent.endpointId);
            intent.expectedState = "FAILED";
        } else {
            intent.expectedState = "PENDING_ACCEPTANCE";
        }
        String expected = intent.expectedState;
        awaitConnection(url, c -> expected.equals(c.path("state").asText()), expected);

        if ("ACTIVE".equals(expected) && random.nextDouble() < 0.5) {
            boolean confluent = aws && random.nextDouble() < 0.3;
            Intent.Attachment attachment = attach(intent, url, confluent);
            awaitConnection(url, c -> domainsActive(c, attachment.attachDomainId()), "domains ACTIVE");
            if (random.nextDouble() < 0.4) {
                detach(url, attachment.attachDomainId());
                intent.attachments.set(intent.attachments.indexOf(attachment), new Intent.Attachment(
                        attachment.attachDomainId(), attachment.type(), attachment.uniqueName(), true));
                awaitConnection(url, c -> attachmentOf(c, attachment.attachDomainId()) == null, "detached");
            }
        }
        if (random.nextDouble() < 0.3) {
            PlatformApi.Answer deleted = api.retrying("DELETE", url, null, Map.of());
            if (deleted.status() != 200 && deleted.status() != 404) {
                throw new IllegalStateException("delete: " + deleted.status() + " " + deleted.body());
            }
            intent.deleted = true;
            intent.expectedState = null;
            awaitGone(url);
        }
    }

    private Intent.Attachment attach(Intent intent, String url, boolean confluent) {
        String type = confluent ? "CONFLUENT" : "TIDBCLOUD_MANAGED";
        String unique;
        if (confluent) {
            unique = "n" + Long.toString(Math.abs(seed % 100_000), 36) + "c" + intent.index + ".us-east-1";
        } else {
            PlatformApi.Answer dry = PlatformApi.require(untilReady(() -> api.retrying("POST", url + ":attachDomains",
                    "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}", Map.of())),
                    200, "attach dry run");
            unique = dry.body().path("attachDomain").path("uniqueName").asText(
                    dry.body().path("uniqueName").asText());
        }
        String body = "{\"attachDomain\": {\"type\": \"%s\", \"uniqueName\": \"%s\"}}".formatted(type, unique);
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (true) {
            PlatformApi.Answer answer = api.once("POST", url + ":attachDomains", body, Map.of());
            if (answer != null && answer.status() == 200) {
                String id = answer.body().path("attachDomain").path("attachDomainId").asText(
                        answer.body().path("attachDomainId").asText());
                Intent.Attachment attachment = new Intent.Attachment(id, type, unique, false);
                intent.attachments.add(attachment);
                return attachment;
            }
            // A broken connection or a 503 may hide an attach that took effect: look before trying again.
            PlatformApi.Answer now = api.get(url);
            if (now.status() == 200) {
                for (JsonNode a : now.body().path("attachedDomains")) {
                    if (unique.equals(a.path("uniqueName").asText())) {
                        Intent.Attachment attachment = new Intent.Attachment(a.path("attachDomainId").asText(), type,
                                unique, false);
                        intent.attachments.add(attachment);
                        return attachment;
                    }
                }
            }
            if (answer != null && notReadyYet(answer)) {
                notReadyRetries.incrementAndGet();
            } else if (answer != null && answer.status() != 503 && answer.status() != 502) {
                throw new IllegalStateException("attach: " + answer.status() + " " + answer.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("attach got no answer");
            }
            PlatformApi.pause(300);
        }
    }

    private void detach(String url, String attachDomainId) {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        String body = "{\"attachDomainId\": \"" + attachDomainId + "\"}";
        while (true) {
            PlatformApi.Answer answer = api.once("POST", url + ":detachDomains", body, Map.of());
            if (answer != null && answer.status() == 200) {
                return;
            }
            PlatformApi.Answer now = api.get(url);
            JsonNode attachment = now.status() == 200 ? attachmentOf(now.body(), attachDomainId) : null;
            if (now.status() == 200 && (attachment == null || detaching(attachment))) {
                return; // it took effect before the answer was lost
            }
            if (answer != null && answer.status() != 503 && answer.status() != 502) {
                throw new IllegalStateException("detach: " + answer.status() + " " + answer.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("detach got no answer");
            }
            PlatformApi.pause(300);
        }
    }

    private static boolean detaching(JsonNode attachment) {
        for (JsonNode domain : attachment.path("domains")) {
            if ("DELETING".equals(domain.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command side learns a connection's state from the worker's events, so it can lag the read side
     * a client just read: an attach right after GET showed ACTIVE may be refused "is CREATING … Retry once
     * its endpoint is created" (code 9). A careful client does as told; the run counts how often.
     */
    private static boolean notReadyYet(PlatformApi.Answer answer) {
        return answer.status() == 400 && answer.body().path("code").asInt() == 9
                && answer.body().path("message").asText().contains("is CREATING");
    }

    private PlatformApi.Answer untilReady(java.util.function.Supplier<PlatformApi.Answer> call) {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (true) {
            PlatformApi.Answer answer = call.get();
            if (!notReadyYet(answer) || System.nanoTime() > deadline) {
                return answer;
            }
            notReadyRetries.incrementAndGet();
            PlatformApi.pause(500);
        }
    }

    /** Attaches refused because the command side had not yet seen the endpoint (see {@link #notReadyYet}). */
    int notReadyRetries() {
        return notReadyRetries.get();
    }

    static JsonNode attachmentOf(JsonNode connection, String attachDomainId) {
        for (JsonNode a : connection.path("attachedDomains")) {
            if (attachDomainId.equals(a.path("attachDomainId").asText())) {
                return a;
            }
        }
        return null;
    }

    static boolean domainsActive(JsonNode connection, String attachDomainId) {
        JsonNode attachment = attachmentOf(connection, attachDomainId);
        if (attachment == null || attachment.path("domains").isEmpty()) {
            return false;
        }
        for (JsonNode domain : attachment.path("domains")) {
            if (!"ACTIVE".equals(domain.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode awaitConnection(String url, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            PlatformApi.Answer answer = api.get(url);
            if (answer.status() == 200) {
                last = answer.body();
                if (condition.test(last)) {
                    return last;
                }
            }
            PlatformApi.pause(500);
        }
        throw new IllegalStateException(url + " never became " + what + "; last seen: " + last);
    }

    private void awaitGone(String url) {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get(url).status() == 404) {
                return;
            }
            PlatformApi.pause(500);
        }
        throw new IllegalStateException(url + " was never gone after its delete");
    }
}
