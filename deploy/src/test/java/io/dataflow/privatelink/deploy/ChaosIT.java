package io.dataflow.privatelink.deploy;

import io.dataflow.privatelink.deploy.chaos.ChaosHarness;
import io.dataflow.privatelink.deploy.chaos.ChaosOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos harness's short form, inside {@code ./mvnw verify}: 100 connections on both clouds, 2 replicas
 * of each worker, 5 kills, a Kafka and a PostgreSQL restart, a cloud cut-off, throttling and server errors
 * all along; every invariant must hold at the end. A fixed seed, so a failure replays with
 * {@code deploy/chaos/run --short --seed 20261202}.
 */
class ChaosIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its logs/ for diagnosis
    Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    @Test
    void everyInvariantHoldsAfterASeededRunOfFaults() throws Exception {
        var result = ChaosHarness.run(LocalStackIT.ROOT, ChaosOptions.shortForm(20261202L, dataDir));
        result.print(System.out);
        assertTrue(result.passed(), "invariants violated; see the table above (logs in " + dataDir + "/logs)");
    }
}
