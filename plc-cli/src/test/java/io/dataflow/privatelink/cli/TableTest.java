package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.output.Table;
import io.dataflow.privatelink.cli.output.Table.Cell;
import io.dataflow.privatelink.cli.output.Terminal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {

    private static Table table() {
        return new Table(List.of("ID", "Name", "State", "Message"), Set.of(0, 2))
                .row(List.of(Cell.of("plc-aaaaaaaaaaaaaaaaaaaaaaaaaa"), Cell.of("orders-kafka-in-production"),
                        new Cell("PENDING_ACCEPTANCE", "\u001b[33m"), Cell.of("waiting for the service owner to accept it")));
    }

    @Test
    void aTerminalGetsAHeaderAndLinesNoWiderThanItWithIdsAndStatesWhole() {
        String text = table().render(new Terminal(true, true, 80, false));
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("ID"), text);
        lines.forEach(line -> assertTrue(line.length() <= 80, "fits 80 columns: " + line.length() + " " + line));
        assertTrue(lines.get(1).contains("plc-aaaaaaaaaaaaaaaaaaaaaaaaaa"), "the id is never cut: " + text);
        assertTrue(lines.get(1).contains("PENDING_ACCEPTANCE"), "nor the state: " + text);
        assertTrue(lines.get(1).contains("…"), "the long columns are: " + text);
    }

    @Test
    void colourOnlyWhenAskedAndItNeverCountsForWidth() {
        String coloured = table().render(new Terminal(true, true, 200, true));
        String plain = table().render(new Terminal(true, true, 200, false));
        assertTrue(coloured.contains("\u001b[33mPENDING_ACCEPTANCE\u001b[0m"), coloured);
        assertFalse(plain.contains("\u001b["), plain);
        assertEquals(plain, coloured.replace("\u001b[33m", "").replace("\u001b[0m", ""), "same layout with and without colour");
    }

    @Test
    void pipedOutputIsTabSeparatedRowsWithoutHeaderOrColourOrCuts() {
        String text = table().render(new Terminal(false, false, Integer.MAX_VALUE, false));
        assertEquals("plc-aaaaaaaaaaaaaaaaaaaaaaaaaa\torders-kafka-in-production\tPENDING_ACCEPTANCE\t"
                + "waiting for the service owner to accept it\n", text);
    }
}
