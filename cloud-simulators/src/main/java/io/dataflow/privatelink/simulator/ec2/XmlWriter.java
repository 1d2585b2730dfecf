package io.dataflow.privatelink.simulator.ec2;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * A tiny streaming XML writer, enough for EC2 responses: nested elements, escaped text, and EC2's list
 * shape ({@code <fooSet><item>…</item></fooSet>}). Null values are skipped, as AWS omits absent members.
 */
final class XmlWriter {

    static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    XmlWriter() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** Starts {@code <ActionResponse xmlns=…><requestId>…</requestId>}, the envelope of every EC2 success. */
    static XmlWriter response(String action, String requestId) {
        XmlWriter w = new XmlWriter();
        w.out.append('<').append(action).append("Response xmlns=\"").append(EC2_NAMESPACE).append("\">");
        w.open.push(action + "Response");
        w.element("requestId", requestId);
        return w;
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        String text = value instanceof Instant i ? timestamp(i) : value.toString();
        out.append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name><item>v1</item>…</name>}; an empty list renders as {@code <name/>}, like EC2. */
    XmlWriter stringSet(String name, Collection<String> values) {
        if (values.isEmpty()) {
            out.append('<').append(name).append("/>");
            return this;
        }
        start(name);
        for (String v : values) {
            element("item", v);
        }
        return end();
    }

    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    /** EC2 timestamps: ISO-8601 UTC with milliseconds, e.g. {@code 2024-05-01T12:00:00.000Z}. */
    static String timestamp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        String s = millis.toString();
        // Instant.toString drops zero fractions; AWS always sends three digits.
        if (millis.getNano() == 0) {
            s = s.substring(0, s.length() - 1) + ".000Z";
        }
        return s;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        out.append('\uFFFD'); // not representable in XML 1.0 at all
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
