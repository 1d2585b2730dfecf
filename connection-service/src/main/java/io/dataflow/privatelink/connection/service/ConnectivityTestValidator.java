package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.api.TestConnectivityBody;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.kit.api.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a {@code :testConnectivity} request. The test runs inside the platform's network, so a caller must never
 * aim it at the platform's own addresses: an IP literal in a private, loopback, link-local, shared or multicast
 * range is refused here, and the worker connects only to addresses the connection's endpoint serves. A target
 * without a port takes the request's {@code port}; with a Kafka check, a missing port is Kafka's 9092.
 */
final class ConnectivityTestValidator {

    static final int MAX_TARGETS = 16;
    static final int KAFKA_PORT = 9092;
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");
    /** A last label no DNS name has: resolvers read such names as addresses (167772161, 10.1, 0xa000001). */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(.*\\.)?(\\d+|0x[0-9a-f]+)");

    /** A request as the worker gets it: targets with their ports, the port for the domains, the Kafka flag. */
    record ValidTest(List<ConnectivityTarget> targets, Integer port, boolean kafka) {
    }

    private ConnectivityTestValidator() {
    }

    static ValidTest validate(TestConnectivityBody body) {
        TestConnectivityBody request = body == null ? new TestConnectivityBody(null, null, null) : body;
        boolean kafka = Boolean.TRUE.equals(request.kafka());
        Integer port = request.port();
        if (port != null) {
            checkPort("port", port);
        }
        List<ConnectivityTarget> given = request.targets() == null ? List.of() : request.targets();
        if (given.size() > MAX_TARGETS) {
            throw ApiException.invalidArgument("targets has " + given.size() + " entries; at most " + MAX_TARGETS
                    + " can be tested at once.");
        }
        if (port == null && kafka) {
            port = KAFKA_PORT;
        }
        List<ConnectivityTarget> targets = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            targets.add(target("targets[" + i + "]", given.get(i), port));
        }
        return new ValidTest(List.copyOf(targets), port, kafka);
    }

    private static ConnectivityTarget target(String field, ConnectivityTarget target, Integer defaultPort) {
        if (target == null || target.host() == null || target.host().isBlank()) {
            throw ApiException.invalidArgument(field + ".host is required: a host name under one of the connection's"
                    + " attached domains, e.g. b0.kafka.example.com.");
        }
        String host = target.host().strip().toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (isIpLiteral(host)) {
            InetAddress address = literal(field, host);
            if (isInternal(address)) {
                throw ApiException.invalidArgument(field + ".host " + host + " is a private, loopback or link-local"
                        + " address; name the host by its DNS name under an attached domain instead (the test reaches"
                        + " only what this connection's endpoint serves).");
            }
        } else if (!DNS_NAME.matcher(host).matches() || NUMERIC_LAST_LABEL.matcher(host).matches()) {
            throw ApiException.invalidArgument(field + ".host \"" + target.host() + "\" is not a host name: use letters,"
                    + " digits and hyphens in dot-separated labels, e.g. b0.kafka.example.com.");
        }
        Integer port = target.port() != null ? target.port() : defaultPort;
        if (port == null) {
            throw ApiException.invalidArgument(field + " has no port, and the request gives no port to use:"
                    + " set " + field + ".port or port.");
        }
        checkPort(field + ".port", port);
        return new ConnectivityTarget(host, port);
    }

    private static void checkPort(String field, int port) {
        if (port < 1 || port > 65_535) {
            throw ApiException.invalidArgument(field + " is " + port + "; a TCP port is between 1 and 65535.");
        }
    }

    private static boolean isIpLiteral(String host) {
        return IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0
                || (host.startsWith("[") && host.endsWith("]"));
    }

    private static InetAddress literal(String field, String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4_LITERAL.matcher(bare).matches() && !IPV6_LITERAL.matcher(bare).matches()) {
            // Anything else would make InetAddress look the name up: no caller's name is looked up here.
            throw ApiException.invalidArgument(field + ".host \"" + host + "\" is not a host name or an IP address.");
        }
        try {
            if (IPV4_LITERAL.matcher(bare).matches()) {
                byte[] bytes = new byte[4];
                String[] parts = bare.split("\\.", -1);
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                        // a leading zero reads as octal to some resolvers and decimal to others
                        throw new UnknownHostException(bare);
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
            // Only hex digits, colons and dots: parsed as an IPv6 literal, never looked up.
            return InetAddress.getByName(bare);
        } catch (UnknownHostException | SecurityException e) {
            throw ApiException.invalidArgument(field + ".host \"" + host + "\" is not a valid IP address.");
        }
    }

    /** Private (RFC 1918, unique local), loopback, link-local, shared (RFC 6598), unspecified or multicast. */
    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        int first = bytes[0] & 0xff;
        int second = bytes.length > 1 ? bytes[1] & 0xff : 0;
        boolean sharedOrZero = bytes.length == 4 && (first == 0 || (first == 100 && second >= 64 && second < 128));
        boolean uniqueLocal = bytes.length == 16 && (first & 0xfe) == 0xfc;
        return address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || sharedOrZero || uniqueLocal;
    }
}
