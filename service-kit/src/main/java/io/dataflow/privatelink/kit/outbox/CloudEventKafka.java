package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes as {@code ce_*} headers. */
public final class CloudEventKafka {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventKafka() {
    }

    public static ProducerRecord<String, String> toRecord(String topic, String key, CloudEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event.data());
        Headers headers = record.headers();
        put(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
        put(headers, ID, event.id());
        put(headers, TYPE, event.type());
        put(headers, SOURCE, event.source());
        put(headers, SUBJECT, event.subject());
        put(headers, TIME, event.time().toString());
        if (!event.isTombstone()) {
            put(headers, CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
        }
        return record;
    }

    /** Reads an event back; a record without the required attributes is malformed, not a crash. */
    public static CloudEvent fromRecord(ConsumerRecord<String, String> record) {
        String id = get(record, ID);
        String type = get(record, TYPE);
        String source = get(record, SOURCE);
        String subject = header(record.headers(), SUBJECT);
        String time = header(record.headers(), TIME);
        if (record.value() == null) {
            throw new MalformedEventException("record at " + position(record) + " has no data");
        }
        Instant instant;
        try {
            instant = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("record at " + position(record) + " has an invalid ce_time: " + time);
        }
        return new CloudEvent(id, type, source, subject == null ? record.key() : subject, instant, record.value());
    }

    private static String get(ConsumerRecord<String, String> record, String name) {
        String value = header(record.headers(), name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("record at " + position(record) + " lacks the CloudEvents header " + name);
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
