package io.dataflow.privatelink.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: as {@link InfraTestResource} (the shared Kafka), but the service's database is on a
 * {@link SecuredPostgres} (TLS only), reached by the {@code quarkus.datasource.*} settings alone, as production
 * configures it. One per test JVM; {@link #postgres()} gives tests the server.
 */
public class SecuredPostgresTestResource extends InfraTestResource {

    private static SecuredPostgres postgres;
    private String database = DEFAULT_DATABASE;

    public static synchronized SecuredPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = SecuredPostgres.start(Files.createTempDirectory("secured-postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "secured-postgres-stop"));
        }
        return postgres;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(initArgs);
        database = initArgs.getOrDefault(DATABASE, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(super.start());
        settings.putAll(postgres().datasourceSettings(database));
        return settings;
    }
}
