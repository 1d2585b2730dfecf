package io.dataflow.privatelink.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON as ticloud prints it, byte for byte: ticloud decodes the API's answer into its generated Go models
 * and prints them with {@code json.MarshalIndent(v, "", "  ")} (tidbcloud-cli
 * {@code internal/output/output.go}, {@code PrintJson}). Each model marshals itself through a Go map
 * ({@code ToMap} in {@code pkg/tidbcloud/v1beta1/serverless/privatelink/model_*.go}), so every object's keys
 * come out sorted; two spaces per level and {@code "key": value}; {@code []} and {@code {}} when empty;
 * Go's string escapes ({@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code u…}; control
 * characters as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or {@code \}{@code u00xx}); and
 * the models' times ({@code createTime}, {@code updateTime}: {@code *time.Time}) as Go writes them (RFC 3339 with
 * the fraction's trailing zeros cut). A field the models do not know is kept in their
 * {@code AdditionalProperties} and written as the API sent it.
 */
public final class TicloudJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The fields ticloud's models decode into a {@code time.Time} (model_private_link_connection.go, model_attach_domain.go). */
    private static final Set<String> GO_TIMES = Set.of("createTime", "updateTime");

    private TicloudJson() {
    }

    /** The document and its final newline ({@code fmt.Fprintln}). */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        value(node, 0, out);
        return out.append('\n').toString();
    }

    /** An instant as Go's {@code time.Time.MarshalJSON} writes a UTC time: 10:00:00Z, 10:00:00.12Z. */
    public static String time(Instant instant) {
        String text = instant.toString();
        int dot = text.indexOf('.');
        if (dot < 0) {
            return text;
        }
        int end = text.length() - 1; // the 'Z'
        int last = end - 1;
        while (last > dot && text.charAt(last) == '0') {
            last--;
        }
        return (last == dot ? text.substring(0, dot) : text.substring(0, last + 1)) + "Z";
    }

    private static String goTime(String text) {
        try {
            return time(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text; // not a time: as sent
        }
    }

    private static void value(JsonNode node, int depth, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            if (fields.isEmpty()) {
                out.append("{}");
                return;
            }
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                newline(depth + 1, out);
                String key = fields.get(i).getKey();
                JsonNode field = fields.get(i).getValue();
                string(key, out);
                out.append(": ");
                if (GO_TIMES.contains(key) && field.isTextual() && field.textValue().endsWith("Z")) {
                    string(goTime(field.textValue()), out);
                } else {
                    value(field, depth + 1, out);
                }
                if (i < fields.size() - 1) {
                    out.append(',');
                }
            }
            newline(depth, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                newline(depth + 1, out);
                value(node.get(i), depth + 1, out);
                if (i < node.size() - 1) {
                    out.append(',');
                }
            }
            newline(depth, out);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            out.append(node.asText()); // numbers and booleans
        }
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /** Go's encodeState.string with HTML escaping on (json.Marshal's default). */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                        out.append("\\ufffd"); // a lone surrogate is no UTF-8: Go writes the replacement character
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
