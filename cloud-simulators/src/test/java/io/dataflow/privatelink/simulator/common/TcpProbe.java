package io.dataflow.privatelink.simulator.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** What a client sees when it opens a TCP connection to an endpoint's address, as the connectivity test does. */
public final class TcpProbe {

    private static final int TIMEOUT_MILLIS = 5_000;

    private TcpProbe() {
    }

    /** Bytes written to {@code address:port} come back unchanged (through to an {@link EchoBackend}). */
    public static void assertEchoes(String address, int port) throws IOException {
        byte[] sent = ("hello through " + address + ":" + port + " " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect(address, port)) {
            socket.getOutputStream().write(sent);
            byte[] received = socket.getInputStream().readNBytes(sent.length);
            assertArrayEquals(sent, received, "echoed through " + address + ":" + port);
            // The client's end reaches the backend, whose end comes back: the connection ends cleanly.
            socket.shutdownOutput();
            assertEquals(-1, socket.getInputStream().read(), "the end of the connection is passed on");
        }
    }

    /** The connection is accepted and closed at once, without a byte: an endpoint that does not forward. */
    public static void assertClosedAtOnce(String address, int port) throws IOException {
        try (Socket socket = connect(address, port)) {
            InputStream in = socket.getInputStream();
            try {
                socket.getOutputStream().write("anyone there?".getBytes(StandardCharsets.UTF_8));
                int read = in.read();
                assertEquals(-1, read, "nothing comes back from " + address + ":" + port);
            } catch (SocketTimeoutException e) {
                fail(address + ":" + port + " kept the connection open", e);
            } catch (IOException e) {
                // reset by the peer: closed, as expected
            }
        }
    }

    /** Nothing listens on {@code address:port}. */
    public static void assertRefused(String address, int port) {
        assertThrows(ConnectException.class, () -> connect(address, port).close(), address + ":" + port);
    }

    private static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
