package io.dataflow.privatelink.worker.connectivity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JVM's own resolver: in production the worker runs inside the platform VPC, whose resolver answers the private
 * zones associated with it, so the VPC is implied. A lookup has no timeout of its own in the JDK, so each runs on a
 * daemon thread and is given up after {@code timeout} (the thread finishes in the background).
 */
public final class SystemVpcResolver implements VpcResolver {

    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "connectivity-lookup");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration timeout;

    public SystemVpcResolver(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public List<String> resolve(String vpcId, String name) throws IOException {
        CompletableFuture<List<String>> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).distinct()
                        .toList();
            } catch (UnknownHostException e) {
                return List.of();
            }
        }, LOOKUPS);
        try {
            return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer for " + name + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException("looking up " + name + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + name, e);
        }
    }
}
