package io.dataflow.privatelink.kit.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * Runs {@link RequiredSettings} while the application's runtime configuration is built, before
 * SmallRye maps it: a mapping without default would otherwise stop start-up first, on one setting at
 * a time and without the environment variable's name. Registered through the ServiceLoader
 * ({@code META-INF/services/io.smallrye.config.ConfigSourceInterceptorFactory}); the interceptor itself
 * passes every look-up through unchanged.
 *
 * <p>Only the runtime configuration is checked: Quarkus also builds one while it packages the
 * application (production profile, nothing set) and one for static initialisation.
 */
public final class RequiredSettingsCheck implements ConfigSourceInterceptorFactory {

    private final BooleanSupplier active;

    public RequiredSettingsCheck() {
        this(() -> ExecutionMode.current() == ExecutionMode.RUNTIME_INIT);
    }

    RequiredSettingsCheck(BooleanSupplier active) {
        this.active = active;
    }

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        if (active.getAsBoolean()) {
            List<String> problems = RequiredSettings.problems(
                    value(context, RequiredSettings.LIST_PROPERTY).orElse(null), name -> value(context, name));
            if (!problems.isEmpty()) {
                // Quarkus prints a ConfigurationException's message alone, without a stack trace.
                throw new ConfigurationException(RequiredSettings.message(problems));
            }
        }
        return (ConfigSourceInterceptorContext chain, String name) -> chain.proceed(name);
    }

    /** After the profile (3200) and expression (3300) interceptors: it reads values as the application will. */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(Priorities.APPLICATION + 100);
    }

    private static Optional<String> value(ConfigSourceInterceptorContext context, String name) {
        try {
            return Optional.ofNullable(context.proceed(name)).map(ConfigValue::getValue);
        } catch (NoSuchElementException unresolvedExpression) {
            return Optional.empty(); // e.g. ${X} with X set nowhere
        }
    }
}
