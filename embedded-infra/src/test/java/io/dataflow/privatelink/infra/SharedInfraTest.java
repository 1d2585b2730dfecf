package io.dataflow.privatelink.infra;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedInfraTest {

    @Test
    void handsOutHandlesOnOneBrokerAndOneDatabaseServer() throws Exception {
        SharedInfra.startAll();
        System.out.printf("Shared infra: Kafka started in %d ms, PostgreSQL in %d ms (side by side)%n",
                SharedInfra.kafka().startupTime().toMillis(), SharedInfra.postgres().startupTime().toMillis());

        EmbeddedKafka kafka = SharedInfra.kafka();
        assertEquals(kafka.bootstrapServers(), SharedInfra.kafka().bootstrapServers());
        kafka.close(); // a handle: must leave the shared broker running
        EmbeddedKafkaTest.produce(SharedInfra.kafka(), "shared", "k", "still up");
        assertEquals(List.of("still up"), EmbeddedKafkaTest.consumeAll(SharedInfra.kafka(), "shared", "g", 1));

        EmbeddedPostgresServer postgres = SharedInfra.postgres();
        assertEquals(postgres.port(), SharedInfra.postgres().port());
        postgres.close(); // a handle as well
        String url = SharedInfra.postgres().createDatabaseIfAbsent("shared_check");
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
             Statement sql = connection.createStatement()) {
            assertEquals("shared_check", EmbeddedPostgresServerTest.queryString(sql, "SELECT current_database()"));
        }
    }

    @Test
    void copiesInOtherClassLoadersUseTheSameInstances() throws Exception {
        // What Quarkus does per test profile: load this jar again in a class loader of its own.
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = isolated.loadClass(SharedInfra.class.getName());
            assertNotSame(SharedInfra.class, copy);

            Object kafka = copy.getMethod("kafka").invoke(null);
            Object postgres = copy.getMethod("postgres").invoke(null);
            assertEquals(SharedInfra.kafka().bootstrapServers(), call(kafka, "bootstrapServers"));
            assertEquals(SharedInfra.postgres().port(), call(postgres, "port"));
            assertEquals(SharedInfra.postgres().jdbcUrl("from_copy"),
                    postgres.getClass().getMethod("createDatabaseIfAbsent", String.class).invoke(postgres, "from_copy"));
        }
    }

    @Test
    void testResourceCreatesTheDatabaseAndReturnsQuarkusConfig() throws Exception {
        InfraTestResource resource = new InfraTestResource();
        resource.init(Map.of(InfraTestResource.DATABASE, "billing"));
        Map<String, String> config = resource.start();

        assertEquals(Set.of("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url",
                "quarkus.datasource.username", "quarkus.datasource.password"), config.keySet());
        assertEquals(config.get("quarkus.datasource.jdbc.url"), "jdbc:" + config.get("quarkus.datasource.reactive.url"),
                "one database, two clients");
        assertEquals(SharedInfra.kafka().bootstrapServers(), config.get("kafka.bootstrap.servers"));
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement sql = connection.createStatement()) {
            assertEquals("billing", EmbeddedPostgresServerTest.queryString(sql, "SELECT current_database()"));
        }
        resource.stop();

        InfraTestResource defaults = new InfraTestResource();
        defaults.init(Map.of());
        assertTrue(defaults.start().get("quarkus.datasource.jdbc.url").endsWith("/app"));
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }
}
