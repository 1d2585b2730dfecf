package io.dataflow.privatelink.kit.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequiredSettingsTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "%prod.plc.startup.required-settings",
            "quarkus.datasource.reactive.url, kafka.bootstrap.servers, plc.auth.public-key|plc.auth.public-key-location,"
                    + "plc.paging.token-key",
            "%dev.quarkus.datasource.reactive.url", "postgresql://localhost:15432/app",
            "%dev.kafka.bootstrap.servers", "localhost:9092",
            "plc.paging.token-key", "local-page-token-key-change-me",
            "plc.required.mapped", "${kafka.bootstrap.servers}");

    @ConfigMapping(prefix = "plc.required")
    interface MappedWithoutDefault {
        String mapped();
    }

    @Test
    void everyMissingSettingIsNamedWithItsEnvironmentVariableAndAPlaceholderIsRefused() {
        List<String> problems = RequiredSettings.problems(PROPERTIES.get("%prod.plc.startup.required-settings"),
                name -> Optional.ofNullable(PROPERTIES.get(name)));
        assertEquals(List.of(
                "missing: quarkus.datasource.reactive.url (QUARKUS_DATASOURCE_REACTIVE_URL)",
                "missing: kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS)",
                "missing: plc.auth.public-key (PLC_AUTH_PUBLIC_KEY) or plc.auth.public-key-location "
                        + "(PLC_AUTH_PUBLIC_KEY_LOCATION)",
                "refused: plc.paging.token-key (PLC_PAGING_TOKEN_KEY) holds a local placeholder ('change-me'); "
                        + "set a value of your own"), problems);
        assertEquals(List.of(), RequiredSettings.problems("a|b, c", name -> Optional.of("set")));
        assertEquals(List.of("missing: c (C)"), RequiredSettings.problems("a|b, c",
                name -> name.equals("b") ? Optional.of("set") : Optional.of(" ")));
        assertEquals("PLC_CLUSTERS__1001__REGION", RequiredSettings.environmentVariable("plc.clusters.\"1001\".region"));
    }

    /** In the profile, before SmallRye's own check of a mapping without default (which names no variable). */
    @Test
    void theProductionProfileStopsTheConfigurationBeforeItsMappingsWithOneMessage() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> config("prod", Map.of()));
        String message = e.getMessage();
        for (String expected : List.of("quarkus.datasource.reactive.url (QUARKUS_DATASOURCE_REACTIVE_URL)",
                "kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS)", "plc.auth.public-key (PLC_AUTH_PUBLIC_KEY)",
                "refused: plc.paging.token-key (PLC_PAGING_TOKEN_KEY)")) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
        assertTrue(message.startsWith("This service cannot start"), message);
    }

    @Test
    void settingsFromTheEnvironmentSatisfyItAndOtherProfilesNeedNone() {
        SmallRyeConfig config = config("prod", Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db/app",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "PLC_AUTH_PUBLIC_KEY_LOCATION", "/keys/auth.pem",
                "PLC_PAGING_TOKEN_KEY", "s3cret"));
        assertEquals("kafka:9092", config.getConfigMapping(MappedWithoutDefault.class).mapped());
        assertEquals("localhost:9092", config("dev", Map.of()).getConfigMapping(MappedWithoutDefault.class).mapped());
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(PROPERTIES, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withInterceptorFactories(new RequiredSettingsCheck(() -> true))
                .withMapping(MappedWithoutDefault.class)
                .build();
    }
}
