package io.dataflow.privatelink.worker.config;

import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.ownership.OrphanSweep;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The deployment's identity and sweep policy from {@link WorkerConfig}; checked at start-up, not at first use. */
public class OwnershipProducers {

    @Produces
    @Singleton
    @Startup
    DeploymentIdentity deploymentIdentity(WorkerConfig config) {
        return new DeploymentIdentity(config.deploymentId());
    }

    @Produces
    @Singleton
    OrphanSweep orphanSweep(WorkerConfig config) {
        WorkerConfig.OrphanSweepSettings s = config.orphanSweep();
        return new OrphanSweep(new OrphanSweep.Settings(s.grace(), s.maxDeletesPerPass(), s.reportOnly()));
    }
}
