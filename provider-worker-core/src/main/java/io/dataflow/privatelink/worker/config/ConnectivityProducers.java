package io.dataflow.privatelink.worker.config;

import io.dataflow.privatelink.worker.connectivity.PlatformNetwork;
import io.dataflow.privatelink.worker.connectivity.SimulatorVpcResolver;
import io.dataflow.privatelink.worker.connectivity.SocketPlatformNetwork;
import io.dataflow.privatelink.worker.connectivity.SystemVpcResolver;
import io.dataflow.privatelink.worker.connectivity.VpcResolver;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The platform network connectivity tests use, from {@link WorkerConfig#connectivity()}; checked at start-up. */
public class ConnectivityProducers {

    @Produces
    @Singleton
    @Startup
    PlatformNetwork platformNetwork(WorkerConfig config) {
        WorkerConfig.Connectivity settings = config.connectivity();
        VpcResolver resolver = switch (settings.resolver()) {
            case "system" -> new SystemVpcResolver(settings.timeout());
            case "simulator" -> new SimulatorVpcResolver(settings.simulatorUrl().orElseThrow(() ->
                    new IllegalStateException("plc.worker.connectivity.resolver is simulator but"
                            + " plc.worker.connectivity.simulator-url is not set: name the simulator's URL")));
            default -> throw new IllegalStateException("plc.worker.connectivity.resolver is \"" + settings.resolver()
                    + "\": use system (production: the VPC's resolver) or simulator (the local stack)");
        };
        return new SocketPlatformNetwork(resolver, settings.timeout());
    }
}
