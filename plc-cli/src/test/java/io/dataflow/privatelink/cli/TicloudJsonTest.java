package io.dataflow.privatelink.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dataflow.privatelink.cli.output.TicloudJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Strings and times as ticloud's Go writes them: encoding/json's string encoder with HTML escaping on
 * (json.Marshal's default; Go 1.22+ writes \b and \f short, tidbcloud-cli's go.mod says 1.24), and
 * time.Time's RFC 3339 with the fraction's trailing zeros cut.
 */
class TicloudJsonTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                argumentSet("plain text as it is", "orders-kafka", "\"orders-kafka\""),
                argumentSet("quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""),
                argumentSet("HTML's three characters as \\u escapes", "<a & b>", "\"\\u003ca \\u0026 b\\u003e\""),
                argumentSet("newline, return, tab, backspace, form feed short", "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\""),
                argumentSet("other control characters as \\u00xx, lower-case hex", "\u0001\u001f", "\"\\u0001\\u001f\""),
                argumentSet("DEL and non-ASCII as they are", "\u007fé", "\"\u007fé\""),
                argumentSet("line and paragraph separators escaped", "\u2028\u2029", "\"\\u2028\\u2029\""),
                argumentSet("a surrogate pair as it is", "\ud83d\ude00", "\"\ud83d\ude00\""),
                argumentSet("a lone surrogate is the replacement character", "a\ud83db", "\"a\\ufffdb\""));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void stringsAreEscapedAsGoEscapesThem(String text, String written) {
        assertEquals(written + "\n", TicloudJson.write(JsonNodeFactory.instance.textNode(text)));
    }

    static Stream<Arguments> times() {
        return Stream.of(
                argumentSet("whole seconds: no fraction", "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"),
                argumentSet("milliseconds, trailing zeros cut", "2026-12-01T10:00:00.120Z", "2026-12-01T10:00:00.12Z"),
                argumentSet("nanoseconds kept", "2026-12-01T10:00:00.000000001Z", "2026-12-01T10:00:00.000000001Z"),
                argumentSet("microseconds, trailing zeros cut", "2026-12-01T10:00:00.500600Z", "2026-12-01T10:00:00.5006Z"));
    }

    @ParameterizedTest
    @MethodSource("times")
    void timesAreWrittenAsGoWritesATime(String instant, String written) {
        assertEquals(written, TicloudJson.time(Instant.parse(instant)));
    }

    @Test
    void onlyTheModelsTimesAreRewrittenOthersAreWrittenAsSent() {
        var root = JsonNodeFactory.instance.objectNode();
        root.put("createTime", "2026-12-01T10:00:00.100Z");
        root.put("updateTime", "not a time");
        root.put("acceptanceDeadline", "2026-12-08T10:00:00.100Z");
        // model_private_link_connection.go: createTime and updateTime are time.Time; a field the model lacks
        // lands in AdditionalProperties as the string the API sent
        assertEquals("""
                {
                  "acceptanceDeadline": "2026-12-08T10:00:00.100Z",
                  "createTime": "2026-12-01T10:00:00.1Z",
                  "updateTime": "not a time"
                }
                """, TicloudJson.write(root));
    }

    @Test
    void emptyContainersAreWrittenOnOneLine() {
        var root = JsonNodeFactory.instance.objectNode();
        root.putArray("b");
        root.putObject("a");
        assertEquals("{\n  \"a\": {},\n  \"b\": []\n}\n", TicloudJson.write(root));
    }
}
