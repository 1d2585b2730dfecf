package io.dataflow.privatelink.worker.connectivity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/** The real network: real sockets, names resolved by the given {@link VpcResolver}, every step bounded by a timeout. */
public final class SocketPlatformNetwork implements PlatformNetwork {

    private final VpcResolver resolver;
    private final Duration timeout;

    public SocketPlatformNetwork(VpcResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
    }

    @Override
    public List<String> resolve(String vpcId, String name) throws IOException {
        return resolver.resolve(vpcId, name);
    }

    @Override
    public long connect(String address, int port) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Override
    public KafkaMetadata kafkaMetadata(String address, int port) throws IOException {
        return KafkaMetadataRequest.send(address, port, timeout);
    }
}
