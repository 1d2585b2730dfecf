package io.dataflow.privatelink.simulator.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A tiny streaming XML writer, enough for the AWS simulators' responses: nested elements, escaped text, and
 * EC2's list shape ({@code <fooSet><item>…</item></fooSet>}). Null values are skipped, as AWS omits absent
 * members.
 */
public final class XmlWriter {

    /** AWS timestamps: ISO-8601 UTC with milliseconds, e.g. {@code 2024-05-01T12:00:00.000Z}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");

    private final StringBuilder out = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    private XmlWriter() {
    }

    /** A document whose root element is {@code root}, in {@code namespace} unless that is null. */
    public static XmlWriter document(String root, String namespace) {
        XmlWriter x = new XmlWriter();
        x.out.append('<').append(root).append(namespace == null ? "" : " xmlns=\"" + namespace + "\"").append('>');
        x.open.push(root);
        return x;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    public XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        String text = value instanceof Instant i ? TIMESTAMP.format(i) : value.toString();
        out.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
        return this;
    }

    /** {@code <name><item>v1</item>…</name>}; an empty list renders as {@code <name/>}, like EC2. */
    public XmlWriter stringSet(String name, Collection<String> values) {
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

    public String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    /** Escapes markup; control characters, which XML 1.0 cannot carry at all, become U+FFFD. */
    private static String escape(String text) {
        return CONTROL.matcher(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;")).replaceAll("\uFFFD");
    }
}
