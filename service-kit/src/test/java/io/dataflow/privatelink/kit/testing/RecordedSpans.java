package io.dataflow.privatelink.kit.testing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The spans a service under test exported, for tests of its traces. A test module hands {@link #EXPORTER} to
 * Quarkus with a producer of its own ({@code @Produces @Singleton InMemorySpanExporter}: the test-jar is not a
 * bean archive), and Quarkus' default exporter setting ({@code cdi}) exports to it.
 */
public final class RecordedSpans {

    public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    private RecordedSpans() {
    }

    /** The W3C traceparent of a caller's own span (sampled), to start a trace with. */
    public static String callerTraceParent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** The trace id that {@code traceParent}, a W3C trace context header value, names. */
    public static String traceIdOf(String traceParent) {
        return traceParent == null ? null : traceParent.split("-", -1)[1];
    }

    /** The span id that {@code traceParent}, a W3C trace context header value, names. */
    public static String spanIdOf(String traceParent) {
        return traceParent == null ? null : traceParent.split("-", -1)[2];
    }

    public static List<SpanData> ofTrace(String traceId) {
        return EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** Waits for the first span of the trace with this kind whose name matches, and returns it. */
    public static SpanData await(String traceId, SpanKind kind, Predicate<String> name, Duration atMost) {
        return Awaitility.await().atMost(atMost).until(() -> find(traceId, kind, name), Optional::isPresent).orElseThrow();
    }

    private static Optional<SpanData> find(String traceId, SpanKind kind, Predicate<String> name) {
        return ofTrace(traceId).stream().filter(s -> s.getKind() == kind && name.test(s.getName())).findFirst();
    }
}
