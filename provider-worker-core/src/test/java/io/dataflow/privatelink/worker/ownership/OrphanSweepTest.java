package io.dataflow.privatelink.worker.ownership;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.dataflow.privatelink.worker.ownership.OrphanSweep.Verdict.DELETE;
import static io.dataflow.privatelink.worker.ownership.OrphanSweep.Verdict.FIRST_SEEN;
import static io.dataflow.privatelink.worker.ownership.OrphanSweep.Verdict.IN_GRACE;
import static io.dataflow.privatelink.worker.ownership.OrphanSweep.Verdict.OVER_PASS_LIMIT;
import static io.dataflow.privatelink.worker.ownership.OrphanSweep.Verdict.REPORT_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrphanSweepTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration GRACE = Duration.ofHours(1);
    private static final io.dataflow.privatelink.worker.cloud.CloudLocation REGION =
            new io.dataflow.privatelink.worker.cloud.CloudLocation("111111111111", "us-east-1");

    @Test
    void anUnknownEndpointIsDeletedOnlyWhenFoundUnknownAgainAGracePeriodLater() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(GRACE, 5, false));
        List<EndpointView> observed = List.of(endpoint("plc-a"));

        assertEquals(List.of(FIRST_SEEN), verdicts(sweep.decide(REGION, observed, Set.of(), T0)));
        assertEquals(List.of(IN_GRACE), verdicts(sweep.decide(REGION, observed, Set.of(), T0.plus(GRACE).minusSeconds(1))));
        assertEquals(List.of(DELETE), verdicts(sweep.decide(REGION, observed, Set.of(), T0.plus(GRACE))));
    }

    @Test
    void anEmptyDatabaseDeletesNothingWithinTheGrace() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(GRACE, 5, false));
        List<EndpointView> observed = IntStream.range(0, 50).mapToObj(i -> endpoint("plc-" + i)).toList();

        for (int minute = 0; minute < 60; minute++) {
            List<OrphanSweep.Decision> decisions = sweep.decide(REGION, observed, Set.of(), T0.plus(Duration.ofMinutes(minute)));
            assertTrue(decisions.stream().noneMatch(d -> d.verdict() == DELETE), "minute " + minute + ": " + decisions);
        }
    }

    @Test
    void aConnectionKnownAgainStartsItsGraceAfreshWhenItIsLostAgain() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(GRACE, 5, false));
        List<EndpointView> observed = List.of(endpoint("plc-a"));
        sweep.decide(REGION, observed, Set.of(), T0);
        // the row is back (a lagging restore caught up): the endpoint is known, its clock forgotten
        assertEquals(List.of(), sweep.decide(REGION, observed, Set.of("plc-a"), T0.plus(Duration.ofMinutes(30))));

        assertEquals(List.of(FIRST_SEEN), verdicts(sweep.decide(REGION, observed, Set.of(), T0.plus(GRACE))));
    }

    @Test
    void atMostTheLimitIsDeletedPerPassAndTheRestIsReported() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(GRACE, 5, false));
        List<EndpointView> observed = IntStream.range(0, 7).mapToObj(i -> endpoint("plc-" + i)).toList();
        sweep.decide(REGION, observed, Set.of(), T0);

        List<OrphanSweep.Verdict> verdicts = verdicts(sweep.decide(REGION, observed, Set.of(), T0.plus(GRACE)));

        assertEquals(List.of(DELETE, DELETE, DELETE, DELETE, DELETE, OVER_PASS_LIMIT, OVER_PASS_LIMIT), verdicts);
    }

    @Test
    void reportOnlyDeletesNothing() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(GRACE, 5, true));
        List<EndpointView> observed = List.of(endpoint("plc-a"));
        sweep.decide(REGION, observed, Set.of(), T0);

        OrphanSweep.Decision decision = sweep.decide(REGION, observed, Set.of(), T0.plus(GRACE.multipliedBy(2))).get(0);

        assertEquals(REPORT_ONLY, decision.verdict());
        assertTrue(decision.reason().contains("report-only"), decision.reason());
    }

    @Test
    void endpointsBeingDeletedOrWithoutAConnectionGetNoVerdict() {
        OrphanSweep sweep = new OrphanSweep(new OrphanSweep.Settings(Duration.ZERO, 5, false));
        List<EndpointView> observed = List.of(
                new EndpointView("vpce-leaving", "plc-x", ConnectionState.DELETING, "deleting", null, null),
                new EndpointView("vpce-gone", "plc-y", null, "deleted", null, null),
                new EndpointView("vpce-untagged", null, ConnectionState.ACTIVE, "available", null, null));

        assertEquals(List.of(), sweep.decide(REGION, observed, Set.of(), T0));
        assertEquals(List.of(), sweep.decide(REGION, observed, Set.of(), T0.plusSeconds(1)));
    }

    private static EndpointView endpoint(String connectionId) {
        return new EndpointView("vpce-" + connectionId, connectionId, ConnectionState.ACTIVE, "available", null, null);
    }

    private static List<OrphanSweep.Verdict> verdicts(List<OrphanSweep.Decision> decisions) {
        return decisions.stream().map(OrphanSweep.Decision::verdict).toList();
    }
}
