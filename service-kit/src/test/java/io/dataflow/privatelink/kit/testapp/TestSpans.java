package io.dataflow.privatelink.kit.testapp;

import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The test app's spans go to {@link RecordedSpans} (Quarkus' {@code cdi} exporter finds this bean). */
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return RecordedSpans.EXPORTER;
    }
}
