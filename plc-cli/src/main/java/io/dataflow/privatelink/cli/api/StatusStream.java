package io.dataflow.privatelink.cli.api;

import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.timing.ExponentialBackoff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a status stream ({@code …:watch}) until the listener says it has what it waited for, or the
 * deadline passes ({@link ExitCodes#TIMED_OUT}). A broken connection, or a {@code resync} because this
 * client fell behind, reconnects with {@code Last-Event-ID} = the last event seen, so no change is missed
 * or seen twice.
 */
public final class StatusStream {

    /** Reconnects wait 500 ms after the first failure, doubling to 5 s. */
    private static final ExponentialBackoff RECONNECT_BACKOFF = new ExponentialBackoff(java.time.Duration.ofMillis(250),
            java.time.Duration.ofSeconds(5));

    /** Receives each event; returns true when following can stop. */
    public interface Listener {
        boolean onEvent(SseEvent event);
    }

    private final PlcApi api;
    private final PrintStream debug;

    public StatusStream(PlcApi api, PrintStream debug) {
        this.api = api;
        this.debug = debug;
    }

    /**
     * Hands each event of the stream at {@code path} to the listener until it is done, resuming after a
     * dropped connection; fails when the deadline passes first.
     *
     * @param deadline null: until the listener is done (or the process is interrupted)
     */
    public void follow(String path, Instant deadline, Listener listener) {
        // Read on a thread of its own, so the deadline holds even while a read blocks between heartbeats.
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read(path, deadline, listener);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "plc-status-stream");
        reader.setDaemon(true);
        reader.start();
        try {
            if (deadline == null) {
                done.get();
            } else {
                done.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            throw new CliFailure(ExitCodes.TIMED_OUT, "timed out before a final state (--timeout)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CliFailure(ExitCodes.ERROR, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.ERROR, "interrupted");
        }
    }

    private void read(String path, Instant deadline, Listener listener) {
        String lastEventId = null;
        int failures = 0;
        {
            while (true) {
                expireIfPast(deadline);
                InputStream body;
                try {
                    body = api.openStream(path, lastEventId);
                } catch (IOException e) {
                    if (++failures > 5 && lastEventId == null) {
                        throw api.unreachable(e);
                    }
                    pause(failures, e);
                    continue;
                } catch (ApiErrorReply e) {
                    if (!e.is(RpcCode.UNAVAILABLE)) {
                        throw e;
                    }
                    pause(++failures, e);
                    continue;
                }
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    SseParser parser = new SseParser();
                    String line;
                    boolean resync = false;
                    while (!resync && (line = reader.readLine()) != null) {
                        Optional<SseEvent> event = parser.line(line);
                        if (event.isEmpty()) {
                            continue;
                        }
                        failures = 0;
                        if ("resync".equals(event.get().name())) {
                            lastEventId = PlcApi.JSON.readTree(event.get().data()).path("lastEventId").asText(lastEventId);
                            resync = true;
                            continue;
                        }
                        if (event.get().id() != null) {
                            lastEventId = event.get().id();
                        }
                        if (listener.onEvent(event.get())) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    expireIfPast(deadline);
                    pause(++failures, e);
                    continue;
                }
                expireIfPast(deadline);
                if (debug != null) {
                    debug.printf("debug: the stream ended; reconnecting after event %s%n", lastEventId);
                }
            }
        }
    }

    private static void expireIfPast(Instant deadline) {
        if (deadline != null && !Instant.now().isBefore(deadline)) {
            throw new CliFailure(ExitCodes.TIMED_OUT, "timed out before a final state (--timeout)");
        }
    }

    private void pause(int failures, Exception why) {
        long millis = RECONNECT_BACKOFF.after(failures + 1).toMillis();
        if (debug != null) {
            debug.printf("debug: status stream interrupted (%s); reconnecting in %d ms%n", why, millis);
        }
        try {
            Thread.sleep(millis); // backoff before reconnecting, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.ERROR, "interrupted");
        }
    }
}
