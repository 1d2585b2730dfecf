package io.dataflow.privatelink.connection.rest;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamSubprotocolsTest {

    @Test
    void theTokenIsTheBearerSubprotocolsRemainder() {
        assertEquals(Optional.of("eyJ.a-b_c.d"), StreamSubprotocols.bearerToken("plc.v1, plc.bearer.eyJ.a-b_c.d"));
        assertEquals(Optional.of("t"), StreamSubprotocols.bearerToken("plc.bearer.t,plc.v1"));
    }

    @Test
    void noTokenWithoutTheBearerSubprotocol() {
        assertEquals(Optional.empty(), StreamSubprotocols.bearerToken(null));
        assertEquals(Optional.empty(), StreamSubprotocols.bearerToken("plc.v1"));
        assertEquals(Optional.empty(), StreamSubprotocols.bearerToken("plc.v1, plc.bearer."));
        assertEquals(Optional.empty(), StreamSubprotocols.bearerToken("graphql-ws, xplc.bearer.t"));
    }
}
