package io.dataflow.privatelink.worker.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FairShareTest {

    private final FairShare share = new FairShare();
    /** Items are "location/project/cluster/n". */
    private static List<String> path(String item) {
        return List.of(item.split("/")).subList(0, 3);
    }

    @Test
    void roundRobinAcrossProjectsThenClustersOldestFirstWithinEach() {
        List<String> oldestFirst = List.of("r/p1/c1/1", "r/p1/c1/2", "r/p1/c2/1", "r/p1/c1/3", "r/p2/c9/1", "r/p2/c9/2");
        assertEquals(List.of("r/p1/c1/1", "r/p2/c9/1", "r/p1/c2/1", "r/p2/c9/2", "r/p1/c1/2", "r/p1/c1/3"),
                share.order(oldestFirst, FairShareTest::path),
                "p1 and p2 alternate; within p1, c1 and c2 alternate; a project with many clusters gets no bigger share");
    }

    @Test
    void theGroupServedLongestAgoGoesFirst() {
        List<String> items = List.of("r/p1/c1/1", "r/p2/c2/1");
        share.order(items, FairShareTest::path);
        share.served(List.of("r", "p1", "c1"));
        assertEquals(List.of("r/p2/c2/1", "r/p1/c1/1"), share.order(items, FairShareTest::path));
        share.served(List.of("r", "p2", "c2"));
        assertEquals(List.of("r/p1/c1/1", "r/p2/c2/1"), share.order(items, FairShareTest::path));
    }

    @Test
    void locationsTakeTurnsToo() {
        List<String> items = List.of("west/p1/c1/1", "west/p1/c1/2", "east/p1/c3/1");
        assertEquals(List.of("west/p1/c1/1", "east/p1/c3/1", "west/p1/c1/2"), share.order(items, FairShareTest::path));
    }

    @Test
    void aTenantWithNothingPendingIsForgottenAndComesBackAsNew() {
        share.order(List.of("r/p1/c1/1", "r/p2/c2/1"), FairShareTest::path);
        share.served(List.of("r", "p2", "c2"));
        share.served(List.of("r", "p1", "c1"));
        share.order(List.of("r/p1/c1/2"), FairShareTest::path); // p2 has nothing pending: forgotten
        assertEquals(List.of("r/p2/c2/2", "r/p1/c1/3"), share.order(List.of("r/p1/c1/3", "r/p2/c2/2"), FairShareTest::path),
                "p2 returns as never served, ahead of p1");
    }
}
