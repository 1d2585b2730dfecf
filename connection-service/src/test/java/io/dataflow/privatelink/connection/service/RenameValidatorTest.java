package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.api.UpdatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class RenameValidatorTest {

    @Test
    void theNewNameIsTrimmedAndTheMaskMayRepeatTheOneField() {
        assertEquals("orders-eu", RenameValidator.newDisplayName(body("  orders-eu ", "displayName")));
        assertEquals("orders-eu", RenameValidator.newDisplayName(body("orders-eu", "displayName, displayName")));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String json, String why) {
        ApiException refused = assertThrows(ApiException.class,
                () -> RenameValidator.newDisplayName(EventJson.read(json, UpdatePrivateLinkConnectionBody.class)));
        assertEquals(RpcCode.INVALID_ARGUMENT, refused.code());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                argumentSet("no body", "null", "The request body must be"),
                argumentSet("no connection", "{\"updateMask\": \"displayName\"}", "The request body must be"),
                argumentSet("no mask", "{\"privateLinkConnection\": {\"displayName\": \"x\"}}", "updateMask is required"),
                argumentSet("a blank mask", json("x", " "), "updateMask is required"),
                argumentSet("a field that cannot change", json("x", "displayName,type"),
                        "updateMask names \"type\": only \"displayName\" can be updated"),
                argumentSet("an empty field in the mask", json("x", "displayName,"), "updateMask names \"\""),
                argumentSet("a blank name", json("   ", "displayName"), "displayName is required"),
                argumentSet("a name over 64 characters", json("x".repeat(65), "displayName"), "at most 64 characters"),
                argumentSet("a control character", json("a\\u0007b", "displayName"), "must not contain control characters"));
    }

    private static UpdatePrivateLinkConnectionBody body(String name, String mask) {
        return EventJson.read(json(name, mask), UpdatePrivateLinkConnectionBody.class);
    }

    private static String json(String name, String mask) {
        return "{\"privateLinkConnection\": {\"displayName\": \"" + name + "\"}, \"updateMask\": \"" + mask + "\"}";
    }
}
