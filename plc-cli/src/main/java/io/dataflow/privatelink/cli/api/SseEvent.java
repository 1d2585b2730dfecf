package io.dataflow.privatelink.cli.api;

/** One Server-Sent Event of a status stream: its id (the change's position), name and data. */
public record SseEvent(String id, String name, String data) {
}
