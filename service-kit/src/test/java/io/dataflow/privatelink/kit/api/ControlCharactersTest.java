package io.dataflow.privatelink.kit.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlCharactersTest {

    @Test
    void c0DelAndC1AreControlCharactersAndPrintableTextIsNot() {
        for (String value : new String[] {"a\u0000b", "line\nbreak", "bell\u0007", "del\u007f", "csi\u009b"}) {
            assertTrue(ControlCharacters.in(value), value);
        }
        assertFalse(ControlCharacters.in("orders-kafka ünïcode 日本"));
        assertFalse(ControlCharacters.in(null));
    }

    @Test
    void aQuotedValueShowsEachControlCharacterAsAQuestionMark() {
        assertEquals("plc-?1?[31m", ControlCharacters.scrubbed("plc-\n1\u001b[31m"));
        assertEquals("null", ControlCharacters.scrubbed(null));
        assertEquals("日本", ControlCharacters.scrubbed("日本"));
    }
}
