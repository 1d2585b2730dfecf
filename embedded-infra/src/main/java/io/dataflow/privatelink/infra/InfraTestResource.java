package io.dataflow.privatelink.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource pointing the application at the JVM's shared Kafka broker and PostgreSQL
 * server ({@link SharedInfra}), starting them on first use.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = InfraTestResource.class,
 *         initArgs = &#64;ResourceArg(name = InfraTestResource.DATABASE, value = "orders"))
 * class OrderResourceTest { ... }
 * </pre>
 *
 * <p>The application must switch Dev Services off ({@code quarkus.devservices.enabled=false}): Quarkus
 * builds the application, Dev Services included, before test resources start, so the URL returned here
 * comes too late to stop Dev Services from looking for Docker.
 *
 * <p>Unrestricted test resources apply to every test of the module; if classes ask for different
 * databases, use {@code restrictToAnnotatedClass = true}, otherwise which one wins is undefined.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the database to create and point the datasource at. */
    public static final String DATABASE = "database";
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        SharedInfra.startAll();
        EmbeddedPostgresServer postgres = SharedInfra.postgres();
        String jdbcUrl = postgres.createDatabaseIfAbsent(database);
        return Map.of(
                "kafka.bootstrap.servers", SharedInfra.kafka().bootstrapServers(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // Shared by every test class in the JVM: SharedInfra's shutdown hook stops them.
    }
}
