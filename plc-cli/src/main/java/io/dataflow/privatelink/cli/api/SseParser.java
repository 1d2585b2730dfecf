package io.dataflow.privatelink.cli.api;

import java.util.Optional;

/**
 * Server-Sent Events, line by line (the WHATWG rules the CLI needs): {@code id:}, {@code event:}, one or
 * more {@code data:} lines, dispatched at a blank line; comments ({@code :heartbeat}) ignored.
 */
public final class SseParser {

    private String id;
    private String name;
    private StringBuilder data;

    /** Feeds one line (without its line break); an event when the line ends one. */
    public Optional<SseEvent> line(String line) {
        if (line.isEmpty()) {
            if (data == null && name == null) {
                id = null;
                return Optional.empty();
            }
            SseEvent event = new SseEvent(id, name == null ? "message" : name, data == null ? "" : data.toString());
            id = null;
            name = null;
            data = null;
            return Optional.of(event);
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry: and unknown fields are ignored
            }
        }
        return Optional.empty();
    }
}
