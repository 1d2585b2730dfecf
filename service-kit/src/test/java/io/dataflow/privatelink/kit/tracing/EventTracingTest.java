package io.dataflow.privatelink.kit.tracing;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * One trace from a request through the outbox, the relay and Kafka to the consumer: the hop after the commit
 * runs later, on the relay's thread, and still continues the request's trace.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class EventTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "kit.events.v1";

    @Test
    void anAppendedEventIsPublishedAndConsumedInTheTraceOfTheRequestThatAppendedIt() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String subject = "plc-" + UUID.randomUUID();
        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), TOPIC)) {
            given().header(EventTracing.TRACEPARENT, RecordedSpans.callerTraceParent(traceId, "00f067aa0ba902b7"))
                    .queryParam("topic", TOPIC).queryParam("subject", subject).queryParam("data", "traced")
                    .post("/kit/append").then().statusCode(200);

            ConsumerRecord<String, String> record = topic.awaitRecord(r -> subject.equals(r.key()), WAIT);
            String onRecord = header(record, EventTracing.TRACEPARENT);
            assertEquals(traceId, RecordedSpans.traceIdOf(onRecord), "traceparent on the record: " + onRecord);

            SpanData request = RecordedSpans.await(traceId, SpanKind.SERVER, name -> name.contains("/kit/append"), WAIT);
            SpanData publish = RecordedSpans.await(traceId, SpanKind.PRODUCER, ("publish " + TOPIC)::equals, WAIT);
            SpanData process = RecordedSpans.await(traceId, SpanKind.CONSUMER, ("process " + TOPIC)::equals, WAIT);
            assertEquals("00f067aa0ba902b7", request.getParentSpanId(), "the request continues the caller's trace");
            assertEquals(request.getSpanId(), publish.getParentSpanId(), "published as a child of the request");
            assertEquals(publish.getSpanId(), RecordedSpans.spanIdOf(onRecord), "the record carries the publish span");
            assertEquals(request.getSpanId(), RecordedSpans.spanIdOf(header(record, EventTracing.CE_TRACEPARENT)),
                    "ce_traceparent: the context the event was created in (CloudEvents distributed tracing)");
            assertEquals(publish.getSpanId(), process.getParentSpanId(), "consumed as a child of the publish");
            assertEquals(header(record, CloudEventKafka.ID),
                    process.getAttributes().asMap().entrySet().stream()
                            .filter(e -> e.getKey().getKey().equals("messaging.message.id"))
                            .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, name + " on the record");
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
