package io.dataflow.privatelink.simulator.common;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.dataflow.privatelink.simulator.common.TcpProbe.assertEchoes;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listeners themselves: bind failures, and closing down. What they forward when is the flow tests' part. */
class TcpForwardersTest {

    @AutoClose
    private final EchoBackend backend = EchoBackend.start();
    @AutoClose
    private final TcpForwarders forwarders = new TcpForwarders("test",
            (endpointId, port) -> Optional.of(ServiceBackend.parse(backend.hostAndPort())));

    @Test
    void aPortTakenOnTheAddressIsLeftUnforwardedAndTriedAgainNextTime() throws IOException {
        String address = "127.65.43.21";
        int port;
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName(address))) {
            port = squatter.getLocalPort();
            forwarders.listen("ep-1", address, port);  // logged, not thrown
            try (Socket client = new Socket(address, port); Socket accepted = squatter.accept()) {
                assertTrue(accepted.isConnected(), "the port still belongs to whoever had it");
            }
        }
        forwarders.listen("ep-1", address, port);
        assertEchoes(address, port);
        assertEquals(1, backend.connections());
    }

    @Test
    void closingStopsEveryListenerAndEveryForwardedConnection() throws IOException {
        String address = "127.65.43.22";
        int port = backend.port();
        forwarders.listen("ep-1", address, port);
        forwarders.listen("ep-1", address, port);  // once is enough
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(address, port), 5_000);
            client.setSoTimeout(5_000);
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(hello);
            InputStream in = client.getInputStream();
            assertArrayEquals(hello, in.readNBytes(hello.length));

            forwarders.close();
            int read;
            try {
                read = in.read();
            } catch (IOException reset) {
                read = -1;
            }
            assertEquals(-1, read, "the forwarded connection is closed");
        }
        assertRefused(address, port);
    }
}
