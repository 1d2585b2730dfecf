package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.api.SseEvent;
import io.dataflow.privatelink.cli.api.SseParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseParserTest {

    @Test
    void eventsEndAtABlankLineCommentsAreSkippedAndDataLinesJoin() {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (String line : List.of(": heartbeat", "", "id: 41", "event: snapshot", "data: {\"a\":", "data: 1}", "",
                "id:42", "event:deleted", "data:{}", "", "event: resync", "data: {\"lastEventId\": \"42\"}", "")) {
            parser.line(line).ifPresent(events::add);
        }
        assertEquals(List.of(new SseEvent("41", "snapshot", "{\"a\":\n1}"), new SseEvent("42", "deleted", "{}"),
                new SseEvent(null, "resync", "{\"lastEventId\": \"42\"}")), events);
    }
}
