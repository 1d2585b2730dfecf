package io.dataflow.privatelink.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/asyncapi.yaml true to the code: every event type and topic is documented, and every
 * example payload is exactly what the payload record reads and writes (a field renamed, added or
 * removed in a record without the document fails here).
 */
class AsyncApiDocumentTest {

    private static final Map<String, Class<?>> PAYLOADS = Map.ofEntries(
            Map.entry(EventTypes.CONNECTION_REQUESTED, ConnectionRequested.class),
            Map.entry(EventTypes.CONNECTION_DELETION_REQUESTED, ConnectionDeletionRequested.class),
            Map.entry(EventTypes.CONNECTION_RENAMED, ConnectionRenamed.class),
            Map.entry(EventTypes.CONNECTION_STATE_CHANGED, ConnectionStateChanged.class),
            Map.entry(EventTypes.CONNECTION_DELETED, ConnectionDeleted.class),
            Map.entry(EventTypes.DOMAIN_ATTACH_REQUESTED, DomainAttachRequested.class),
            Map.entry(EventTypes.DOMAIN_DETACH_REQUESTED, DomainDetachRequested.class),
            Map.entry(EventTypes.DOMAIN_STATE_CHANGED, DomainStateChanged.class),
            Map.entry(EventTypes.DOMAIN_DETACHED, DomainDetached.class),
            Map.entry(EventTypes.CONNECTIVITY_TEST_REQUESTED, ConnectivityTestRequested.class),
            Map.entry(EventTypes.CONNECTIVITY_TEST_COMPLETED, ConnectivityTestCompleted.class),
            Map.entry(EventTypes.CONNECTION_SNAPSHOT, PrivateLinkConnection.class));

    private final JsonNode document = read();

    @Test
    void everyTopicIsAChannelAndEveryEventTypeAMessage() throws Exception {
        assertEquals("3.0.0", document.path("asyncapi").asText());
        Set<String> addresses = new HashSet<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(new HashSet<>(constants(Topics.class)), addresses);

        Set<String> types = new HashSet<>();
        document.path("components").path("messages").forEach(m -> types.add(m.path("headers").path("x-ce-type").asText()));
        assertEquals(new HashSet<>(constants(EventTypes.class)), types);
    }

    @Test
    void examplesAreExactlyWhatThePayloadRecordsReadAndWrite() throws Exception {
        ObjectMapper strict = EventJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        int checked = 0;
        for (JsonNode message : document.path("components").path("messages")) {
            Class<?> payload = PAYLOADS.get(message.path("headers").path("x-ce-type").asText());
            if (message.path("payload").path("type").asText().equals("null")) {
                continue;  // the tombstone has no payload
            }
            assertNotNull(payload, message.path("name").asText());
            for (JsonNode example : message.path("examples")) {
                Object read = strict.treeToValue(example.path("payload"), payload);
                // Compared as JSON text: YAML reads 1 as an int, the record writes its long version as a long.
                assertEquals(strict.writeValueAsString(strict.treeToValue(example.path("payload"), Object.class)),
                        strict.writeValueAsString(strict.treeToValue(strict.valueToTree(read), Object.class)),
                        message.path("name").asText());
                checked++;
            }
            String schemaName = message.path("payload").path("$ref").asText().replace("#/components/schemas/", "");
            Set<String> documented = new HashSet<>();
            document.path("components").path("schemas").path(schemaName).path("properties").fieldNames()
                    .forEachRemaining(documented::add);
            Set<String> fields = new HashSet<>(Arrays.stream(payload.getRecordComponents()).map(c -> c.getName()).toList());
            assertEquals(fields, documented, "properties of " + schemaName);
        }
        assertTrue(checked >= PAYLOADS.size(), "examples checked: " + checked);
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
                    && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static JsonNode read() {
        try {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.exists(dir.resolve("docs/asyncapi.yaml"))) {
                dir = dir.getParent();
            }
            assertNotNull(dir, "docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
            return new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("docs/asyncapi.yaml").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
