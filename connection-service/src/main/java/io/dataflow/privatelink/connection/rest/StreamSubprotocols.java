package io.dataflow.privatelink.connection.rest;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a browser's WebSocket carries its token: browsers cannot set headers on a WebSocket, and a token in
 * the URL ends up in access logs, so the console offers two subprotocols, {@value #PROTOCOL} (the one the
 * server selects and answers with) and {@value #BEARER_PREFIX}{@code <token>} (a JWT is made of characters a
 * subprotocol may hold). The token travels in the handshake's {@code Sec-WebSocket-Protocol} header, which
 * no access log records, and is never echoed back.
 */
public final class StreamSubprotocols {

    /** The subprotocol of the status stream's messages; the server's answer to a browser's handshake. */
    public static final String PROTOCOL = "plc.v1";
    public static final String BEARER_PREFIX = "plc.bearer.";
    public static final String HEADER = "Sec-WebSocket-Protocol";

    private StreamSubprotocols() {
    }

    /** The token offered in a {@code Sec-WebSocket-Protocol} header's list, if any. */
    public static Optional<String> bearerToken(String offered) {
        if (offered == null) {
            return Optional.empty();
        }
        return Arrays.stream(offered.split(",")).map(String::strip)
                .filter(protocol -> protocol.startsWith(BEARER_PREFIX) && protocol.length() > BEARER_PREFIX.length())
                .map(protocol -> protocol.substring(BEARER_PREFIX.length())).findFirst();
    }
}
