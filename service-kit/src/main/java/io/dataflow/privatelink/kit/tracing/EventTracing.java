package io.dataflow.privatelink.kit.tracing;

import io.dataflow.privatelink.kit.logging.LogContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One trace per command, across every Kafka hop. The trace context travels as a W3C {@code traceparent}
 * string: kept on the outbox row ({@code trace_parent}) and on the worker's rows, because the hop after a
 * commit runs later and elsewhere (the relay, the next reconcile pass), and sent on each record both as
 * {@code traceparent} (what OpenTelemetry's Kafka instrumentations read) and as {@code ce_traceparent} (the
 * CloudEvents distributed-tracing extension). Spans: the relay's publish (PRODUCER), each consumed record
 * (CONSUMER), the worker's step on a resource (INTERNAL) with the SDK calls under it.
 */
@ApplicationScoped
public class EventTracing {

    /** The W3C header, and the CloudEvents extension attribute in Kafka binary mode. */
    public static final String TRACEPARENT = "traceparent";
    public static final String CE_TRACEPARENT = "ce_traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span's context as a {@code traceparent} (null: none), to keep with what it caused. */
    public static String currentTraceParent() {
        return traceParentOf(Context.current());
    }

    /** The span's context as a {@code traceparent}; null when the span has none. */
    public static String traceParentOf(Span span) {
        return traceParentOf(Context.root().with(span));
    }

    private static String traceParentOf(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The trace id that {@code traceParent}, a W3C trace context header value, names; null when it names none. */
    public static String traceIdOf(String traceParent) {
        var span = Span.fromContext(contextOf(traceParent)).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /**
     * The context that {@code traceParent}, a W3C trace context header value, names (the root context when null
     * or malformed).
     */
    public static Context contextOf(String traceParent) {
        return traceParent == null ? Context.root()
                : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceParent), MAP_GETTER);
    }

    /**
     * The relay's publish of one outbox row, a child of the context the row kept: started here, its context
     * written on the record; the caller ends it when Kafka answers ({@link #end}).
     */
    public Span startPublish(ProducerRecord<String, String> record, String traceParent, String eventId) {
        Span span = messagingSpan("publish " + record.topic(), SpanKind.PRODUCER, contextOf(traceParent),
                record.topic(), record.key(), eventId).startSpan();
        String context = traceParentOf(span);
        if (context != null) {
            put(record.headers(), TRACEPARENT, context);
            put(record.headers(), CE_TRACEPARENT, traceParent == null ? context : traceParent);
        }
        return span;
    }

    /** The processing of one consumed record, a child of the context it carries; ended with its batch. */
    public Span startProcess(ConsumerRecord<String, String> record) {
        String carried = header(record.headers(), TRACEPARENT);
        if (carried == null) {
            carried = header(record.headers(), CE_TRACEPARENT);
        }
        return messagingSpan("process " + record.topic(), SpanKind.CONSUMER, contextOf(carried), record.topic(),
                record.key(), null)
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
    }

    /**
     * Runs a step on one resource (a worker creating an endpoint, say) in a span under the trace the resource
     * kept, current while it runs, so the cloud calls it makes become its children. The resource's ids
     * ({@code ids}: log context key → value, e.g. {@code connectionId}) are the span's attributes ({@code plc.}
     * prefixed) and, with {@code traceId} and {@code spanId}, the log context of every line logged meanwhile.
     */
    public <T> T inSpan(String name, String traceParent, Map<String, String> ids, Supplier<T> step) {
        SpanBuilder builder = tracer.spanBuilder(name).setParent(contextOf(traceParent)).setSpanKind(SpanKind.INTERNAL);
        ids.forEach((key, value) -> builder.setAttribute("plc." + key, value));
        Span span = builder.startSpan();
        Map<String, String> logContext = new HashMap<>(ids);
        if (span.getSpanContext().isValid()) {
            logContext.put(LogContext.TRACE_ID, span.getSpanContext().getTraceId());
            logContext.put(LogContext.SPAN_ID, span.getSpanContext().getSpanId());
        }
        try (Scope ignored = span.makeCurrent()) {
            return LogContext.with(logContext, step);
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Ends the spans: an error when {@code failure} is not null. */
    public static void end(List<Span> spans, Throwable failure) {
        spans.forEach(span -> end(span, failure));
    }

    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
        }
        span.end();
    }

    private SpanBuilder messagingSpan(String name, SpanKind kind, Context parent, String topic, String key,
                                      String eventId) {
        SpanBuilder builder = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", kind == SpanKind.PRODUCER ? "send" : "process");
        if (key != null) {
            builder.setAttribute("messaging.kafka.message.key", key);
        }
        if (eventId != null) {
            builder.setAttribute("messaging.message.id", eventId);
        }
        return builder;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
