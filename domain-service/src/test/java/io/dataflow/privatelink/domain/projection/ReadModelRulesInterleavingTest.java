package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.kit.messaging.InboundEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read model is a function of the log: each scripted story, projected in 500 random interleavings of
 * its two topics (each topic's order kept) and cut into random batches, ends as the story says readers see
 * it, with the same rows, history, routes and final integration snapshots every time. A second pass delivers some events twice (what a
 * consumer without its processed-event log would do after a redelivery): still the same.
 */
class ReadModelRulesInterleavingTest {

    private static final int INTERLEAVINGS = 500;

    @TestFactory
    Stream<DynamicTest> everyInterleavingGivesTheSameReadModel() {
        return Scenario.all().stream().map(story -> DynamicTest.dynamicTest(story.name(), () -> {
            Random random = new Random(story.name().hashCode());
            Scenario scenario = story.forRun("");
            String expected = null;
            Map<String, String> expectedSnapshots = null;
            for (int i = 0; i < INTERLEAVINGS; i++) {
                InMemoryReadModel model = new InMemoryReadModel();
                List<InboundEvent> events = scenario.interleaving(random);
                if (i % 2 == 1) {
                    events = withRedeliveries(events, random);
                }
                for (List<InboundEvent> batch : batches(events, random)) {
                    model.project(batch);
                }
                assertEquals(story.expected(), model.readersView(), story.name() + ", interleaving " + i + ": "
                        + events.stream().map(e -> e.event().id()).toList());
                if (expected == null) {
                    expected = model.contents();
                    expectedSnapshots = model.integrationSnapshots();
                }
                assertEquals(expected, model.contents(), story.name() + ", interleaving " + i + ": " + events.stream()
                        .map(e -> e.event().id()).toList());
                assertEquals(expectedSnapshots, model.integrationSnapshots(), story.name() + ", interleaving " + i);
            }
        }));
    }

    /** Cuts the stream into batches of 1 to 4 events, as polls would. */
    static List<List<InboundEvent>> batches(List<InboundEvent> events, Random random) {
        List<List<InboundEvent>> batches = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int size = 1 + random.nextInt(4);
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        return batches;
    }

    /** Some events once more, right after themselves or later (each topic's order otherwise kept). */
    private static List<InboundEvent> withRedeliveries(List<InboundEvent> events, Random random) {
        List<InboundEvent> delivered = new ArrayList<>();
        for (InboundEvent event : events) {
            delivered.add(event);
            if (random.nextInt(3) == 0) {
                delivered.add(event);
            }
        }
        delivered.add(events.get(random.nextInt(events.size())));
        return delivered;
    }
}
