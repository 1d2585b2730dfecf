package io.dataflow.privatelink.worker.health;

import io.dataflow.privatelink.kit.health.PipelineHealth;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.service.ShardLeases;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.stream.Collectors;

/**
 * Check {@code shard-leases} in health group {@code pipeline}, always UP (holding no shard is normal while others hold them
 * all): which instance this is and the shards it works on now, for operators and the chaos harness.
 */
@HealthGroup(PipelineHealth.GROUP)
@ApplicationScoped
public class ShardLeasesCheck implements HealthCheck {

    private final ShardLeases leases;

    ShardLeasesCheck(ShardLeases leases) {
        this.leases = leases;
    }

    @Override
    public HealthCheckResponse call() {
        HeldShards held = leases.current();
        return HealthCheckResponse.named("shard-leases").up()
                .withData("instance", held.instance())
                .withData("count", held.shards().size())
                .withData("shards", held.shards().stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .build();
    }
}
