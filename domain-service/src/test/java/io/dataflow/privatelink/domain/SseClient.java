package io.dataflow.privatelink.domain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client, as a browser's EventSource reads a stream. */
final class SseClient implements AutoCloseable {

    /** One event: id, name and data; a comment (heartbeat) has only {@code comment}. */
    record Event(String id, String name, String data, String comment) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;
    /** The server ended the stream. */
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(URI uri, String lastEventId) throws Exception {
        return open(uri, lastEventId, DomainServiceTokens.bearer());
    }

    static SseClient open(URI uri, String lastEventId, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", authorization);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new IllegalStateException("stream refused: " + response.statusCode() + " " + body);
        }
        return new SseClient(response);
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0 || name != null) {
                        events.add(new Event(id, name, data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                }
            }
            ended = true;
        } catch (RuntimeException e) {
            // The stream was closed by close(): the reader ends.
        }
    }

    /** The next event (comments skipped), or null after {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.comment() == null) {
                return event;
            }
        }
    }

    /** The next comment line (heartbeat), or null after {@code timeout}. */
    String nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.comment() != null) {
                return event == null ? null : event.comment();
            }
        }
    }

    /** Whether the server has ended the stream. */
    boolean ended() {
        return ended;
    }

    /** Events received so far and not yet taken. */
    List<Event> drain() {
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        drained.removeIf(e -> e.comment() != null);
        return drained;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
