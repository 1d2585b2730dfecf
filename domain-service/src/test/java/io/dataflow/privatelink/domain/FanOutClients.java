package io.dataflow.privatelink.domain;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of the fan-out benchmark, in a process of their own (so that the server's heap is
 * measured alone): opens N event streams to one URL (at most 200 connecting at a time), each on a TCP
 * connection of its own over HTTP/1.1, or, given a number of streams per connection above 1, that many
 * multiplexed on each HTTP/2 connection (cleartext, prior knowledge) as a gateway or a browser would; prints
 * {@code READY n} once each got its first snapshot, then, told {@code GO <epoch micros>} on stdin (the
 * moment the change was sent), prints when each stream saw a line containing the marker:
 * {@code ARRIVALS <count> <p50 ms> <p99 ms> <max ms>}.
 */
public final class FanOutClients {

    private FanOutClients() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        String first = args[2];
        String marker = args[3];
        int streamsPerConnection = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Vertx vertx = Vertx.vertx();
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(count + 10)
                .setKeepAlive(true).setIdleTimeout(0).setConnectTimeout(60_000);
        if (streamsPerConnection > 1) {
            // A connection-level window large enough that one change to every stream is never held back.
            options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                    .setHttp2MultiplexingLimit(streamsPerConnection)
                    .setHttp2MaxPoolSize(count / streamsPerConnection + 1)
                    .setHttp2ConnectionWindowSize(64 * 1024 * 1024);
        }
        HttpClient client = vertx.createHttpClient(options);
        CountDownLatch ready = new CountDownLatch(count);
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        Semaphore connecting = new Semaphore(200);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            connecting.acquire();
            boolean[] seenFirst = {false};
            boolean[] seenMarker = {false};
            client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost()).setPort(url.getPort())
                            .setURI(url.getRawPath()).putHeader("Accept", "text/event-stream"))
                    .compose(request -> request.send())
                    .onFailure(e -> {
                        failed.incrementAndGet();
                        connecting.release();
                        System.err.println("stream failed: " + e);
                    })
                    .onSuccess(response -> response.handler(buffer -> {
                        String text = buffer.toString();
                        if (!seenFirst[0] && text.contains(first)) {
                            seenFirst[0] = true;
                            connecting.release();
                            ready.countDown();
                        }
                        if (!seenMarker[0] && text.contains(marker)) {
                            seenMarker[0] = true;
                            arrivals.add(epochMicros());
                        }
                    }));
        }
        if (!ready.await(10, TimeUnit.MINUTES)) {
            System.out.println("NOT-READY " + (count - ready.getCount()) + " failed " + failed.get());
            System.exit(1);
        }
        System.out.println("READY " + count);
        System.out.flush();
        // ReadSideBenchmark writes to this process in UTF-8
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String go = in.readLine();
        long sent = Long.parseLong(go.substring(3).strip());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (arrivals.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20); // waiting for the subscribers' own event loops; this process measures, it is not a test
        }
        long[] latencies = arrivals.stream().mapToLong(at -> at - sent).sorted().toArray();
        System.out.printf("ARRIVALS %d %.1f %.1f %.1f%n", latencies.length, percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.length == 0 ? -1.0 : latencies[latencies.length - 1] / 1000.0);
        System.out.flush();
        in.readLine(); // until told to stop (or stdin closes)
        vertx.close();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
