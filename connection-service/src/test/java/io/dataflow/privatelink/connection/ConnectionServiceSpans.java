package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's spans go to {@link RecordedSpans} in its tests (Quarkus' {@code cdi} exporter finds this bean). */
public class ConnectionServiceSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return RecordedSpans.EXPORTER;
    }
}
