package io.dataflow.privatelink.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback TCP ports. */
public final class Ports {

    private Ports() {
    }

    /**
     * Asks the kernel for an unused loopback port. The socket is closed before the caller binds, so
     * another process could take the port in between; the window is tiny and acceptable for tests.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** A free port different from {@code other}. */
    public static int freePortOtherThan(int other) {
        int port;
        do {
            port = freePort();
        } while (port == other);
        return port;
    }
}
