package io.dataflow.privatelink.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A status subscriber that stays connected across the whole run, as a dataflow service would: it follows
 * a cluster's {@code :watch} stream and, whenever the stream breaks (a service killed, a restart), it
 * reconnects with the {@code Last-Event-ID} it last received. It keeps every event it saw.
 */
public final class StatusSubscriber implements AutoCloseable {

    /** One event as received: the change's id, its kind, the connection and (snapshots) its state. */
    public record Seen(long id, String kind, String connectionId, String state) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String token;
    private final List<Seen> seen = new ArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long lastId;

    public StatusSubscriber(String watchUrl, String token) {
        this(watchUrl, token, -1);
    }

    /** A subscriber that starts after change {@code resumeAfter} (0: the whole change log), or live (-1). */
    public StatusSubscriber(String watchUrl, String token, long resumeAfter) {
        this.url = watchUrl;
        this.token = token;
        this.lastId = resumeAfter;
        this.thread = new Thread(this::follow, "chaos-subscriber");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (!closed) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastId >= 0) {
                request.header("Last-Event-ID", String.valueOf(lastId));
            }
            try {
                HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() == 200) {
                    read(response.body().iterator());
                } else {
                    response.body().close();
                }
            } catch (IOException | RuntimeException broken) {
                // the stream broke (service killed or restarting): reconnect from the last id
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                reconnects.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void read(Iterator<String> lines) {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        while (!closed && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (event != null && id != null && data.length() > 0) {
                    accept(Long.parseLong(id), event, data.toString());
                } else if ("resync".equals(event)) {
                    resyncs.incrementAndGet();
                    return; // reconnect from the last id, as the stream asks
                }
                id = null;
                event = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
    }

    private void accept(long id, String event, String data) {
        try {
            JsonNode json = PlatformApi.JSON.readTree(data);
            String connectionId = json.path("privateLinkConnectionId").asText();
            String state = "deleted".equals(event) ? null : json.path("state").asText();
            synchronized (seen) {
                seen.add(new Seen(id, event, connectionId, state));
            }
            lastId = id;
        } catch (IOException e) {
            throw new IllegalStateException("undecodable event " + data, e);
        }
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public int reconnects() {
        return reconnects.get();
    }

    /** Streams the server ended with a resync (fell behind, or handed over by an instance that was stopping). */
    public int resyncs() {
        return resyncs.get();
    }

    long lastId() {
        return lastId;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
