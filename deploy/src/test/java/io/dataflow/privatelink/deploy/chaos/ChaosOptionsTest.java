package io.dataflow.privatelink.deploy.chaos;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void theDefaultsAreTheLongFormAndShortIsWhatCiRuns() {
        ChaosOptions long_ = ChaosOptions.parse(ROOT, List.of("--seed", "7"));
        assertEquals(List.of(7L, 1000, 20, 1, 1, 3), List.of(long_.seed(), long_.connections(), long_.kills(),
                long_.kafkaRestarts(), long_.postgresRestarts(), long_.workerReplicas()));
        assertEquals(Path.of("/repo/.local/chaos"), long_.dataDir());
        ChaosOptions short_ = ChaosOptions.parse(ROOT, List.of("--short", "--seed", "7", "--data-dir", "/d"));
        ChaosOptions ci = ChaosOptions.shortForm(7, Path.of("/d"));
        assertEquals(ci, short_);
        assertEquals(List.of(100, 5, 1, 1), List.of(ci.connections(), ci.kills(), ci.kafkaRestarts(),
                ci.postgresRestarts()));
        assertTrue(ci.throttling() > 0 && ci.serverErrors() > 0, "throttling and 5xx on in the short form");
    }

    @Test
    void aBadValueIsRefusedSayingWhatWasExpected() {
        for (List<String> bad : List.of(List.of("--seed", "x"), List.of("--kills", "-1"),
                List.of("--throttling", "1.5"), List.of("--worker-replicas", "17"), List.of("--connections"),
                List.of("--chaos-monkey"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChaosOptions.parse(ROOT, bad));
            assertTrue(e.getMessage().contains(bad.get(0)), e.getMessage());
        }
    }

    @Test
    void aSeedPlansTheSameWorkloadAndNeighbouringIndexesDrawIndependently() {
        Workload one = new Workload(null, null, null, 42);
        List<Intent> a = one.plan(200);
        List<Intent> b = new Workload(null, null, null, 42).plan(200);
        assertEquals(a.stream().map(i -> i.cloud + i.idempotencyKey).toList(),
                b.stream().map(i -> i.cloud + i.idempotencyKey).toList());
        long aws = a.stream().filter(i -> i.cloud == Intent.Cloud.AWS).count();
        assertTrue(aws > 110 && aws < 170, "about 70 % AWS, not all the same: " + aws);
    }
}
