package io.dataflow.privatelink.kit.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Says at start-up which required settings were checked. It also makes {@link StartupConfig} a used
 * mapping: Quarkus validates only those, and refuses a {@code plc.*} property no used mapping declares.
 */
@ApplicationScoped
public class RequiredSettingsLog {

    private static final Logger LOG = Logger.getLogger(RequiredSettingsLog.class);

    void started(@Observes StartupEvent startup, StartupConfig config) {
        List<String> required = config.requiredSettings().orElse(List.of());
        if (!required.isEmpty()) {
            LOG.infof("Every setting this service requires is set: %s", String.join(", ", required));
        }
    }
}
