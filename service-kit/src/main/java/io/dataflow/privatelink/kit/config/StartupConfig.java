package io.dataflow.privatelink.kit.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * What a service needs before it starts (prefix {@code plc.startup}); read by {@link RequiredSettingsCheck}
 * while the configuration is built, declared here so that SmallRye knows the property.
 */
@ConfigMapping(prefix = "plc.startup")
public interface StartupConfig {

    /** {@link RequiredSettings#LIST_PROPERTY}: the settings production must set, {@code a|b} when either will do. */
    Optional<List<String>> requiredSettings();
}
