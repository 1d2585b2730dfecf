package io.dataflow.privatelink.simulator.common;

import java.net.InetSocketAddress;

/**
 * Where an endpoint service's load balancer forwards one of its ports: a real listener on this machine (or
 * one reachable from it), written {@code host:port} ({@code [::1]:9092} for an IPv6 literal).
 */
public record ServiceBackend(String host, int port) {

    public ServiceBackend {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a backend needs a host: host:port");
        }
        checkPort(port, "backend");
    }

    /** Reads {@code host:port}; a malformed value is the caller's mistake. */
    public static ServiceBackend parse(String hostAndPort) {
        int colon = hostAndPort == null ? -1 : hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a backend is host:port, got " + hostAndPort);
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ServiceBackend(host, Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a backend is host:port, got " + hostAndPort, e);
        }
    }

    /** A TCP port: 1 to 65535. */
    static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a " + what + " port is 1 to 65535, got " + port);
        }
    }

    /** The address to connect to, resolved now. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
