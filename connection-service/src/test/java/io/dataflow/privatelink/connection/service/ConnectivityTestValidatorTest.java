package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.api.TestConnectivityBody;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class ConnectivityTestValidatorTest {

    @Test
    void anEmptyRequestTestsTheAttachedDomainsWithoutTcpAndAKafkaCheckDefaultsToKafkasPort() {
        var empty = ConnectivityTestValidator.validate(null);
        assertEquals(List.of(), empty.targets());
        assertEquals(null, empty.port());
        assertFalse(empty.kafka());
        assertEquals(9092, ConnectivityTestValidator.validate(body("{\"kafka\": true}")).port());
        assertEquals(9096, ConnectivityTestValidator.validate(body("{\"kafka\": true, \"port\": 9096}")).port());
        assertEquals(List.of(new ConnectivityTarget("b0.kafka.example.com", 9092)), ConnectivityTestValidator.validate(
                body("{\"kafka\": true, \"targets\": [{\"host\": \"b0.kafka.example.com\"}]}")).targets());
    }

    @Test
    void targetsAreNormalisedAndTakeTheRequestsPortWhenTheyHaveNone() {
        var valid = ConnectivityTestValidator.validate(body("""
                {"port": 9092, "targets": [{"host": "B0.Kafka.Example.com."}, {"host": "db.example.com", "port": 3306},
                                           {"host": "8.8.8.8", "port": 53}]}"""));
        assertEquals(List.of(new ConnectivityTarget("b0.kafka.example.com", 9092),
                new ConnectivityTarget("db.example.com", 3306), new ConnectivityTarget("8.8.8.8", 53)), valid.targets());
    }

    @ParameterizedTest
    @MethodSource
    void refused(String json, String why) {
        ApiException refused = assertThrows(ApiException.class, () -> ConnectivityTestValidator.validate(body(json)));
        assertEquals(RpcCode.INVALID_ARGUMENT, refused.code());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    static Stream<Arguments> refused() {
        String internal = "is a private, loopback or link-local address";
        return Stream.of(
                argumentSet("port 0", "{\"port\": 0}", "port is 0; a TCP port is between 1 and 65535"),
                argumentSet("port too high", "{\"port\": 65536}", "between 1 and 65535"),
                argumentSet("target port out of range", "{\"targets\": [{\"host\": \"a.example.com\", \"port\": 70000}]}",
                        "targets[0].port is 70000"),
                argumentSet("no port anywhere", "{\"targets\": [{\"host\": \"a.example.com\"}]}",
                        "targets[0] has no port"),
                argumentSet("no host", "{\"targets\": [{\"port\": 1}]}", "targets[0].host is required"),
                argumentSet("not a host name", "{\"port\": 1, \"targets\": [{\"host\": \"a b.example.com\"}]}",
                        "is not a host name"),
                argumentSet("a label too long", "{\"port\": 1, \"targets\": [{\"host\": \"" + "a".repeat(64) + ".com\"}]}",
                        "is not a host name"),
                argumentSet("RFC 1918", "{\"port\": 1, \"targets\": [{\"host\": \"10.0.3.7\"}]}", internal),
                argumentSet("RFC 1918, 172.16/12", "{\"port\": 1, \"targets\": [{\"host\": \"172.31.0.1\"}]}", internal),
                argumentSet("RFC 1918, 192.168/16", "{\"port\": 1, \"targets\": [{\"host\": \"192.168.1.1\"}]}", internal),
                argumentSet("link-local metadata", "{\"port\": 80, \"targets\": [{\"host\": \"169.254.169.254\"}]}", internal),
                argumentSet("loopback", "{\"port\": 1, \"targets\": [{\"host\": \"127.0.0.1\"}]}", internal),
                argumentSet("shared address space", "{\"port\": 1, \"targets\": [{\"host\": \"100.64.0.1\"}]}", internal),
                argumentSet("unspecified", "{\"port\": 1, \"targets\": [{\"host\": \"0.0.0.0\"}]}", internal),
                argumentSet("IPv6 loopback", "{\"port\": 1, \"targets\": [{\"host\": \"::1\"}]}", internal),
                argumentSet("IPv6 link-local", "{\"port\": 1, \"targets\": [{\"host\": \"[fe80::1]\"}]}", internal),
                argumentSet("IPv6 unique local", "{\"port\": 1, \"targets\": [{\"host\": \"fd00::1\"}]}", internal),
                argumentSet("not an address", "{\"port\": 1, \"targets\": [{\"host\": \"300.1.1.1\"}]}",
                        "is not a valid IP address"),
                argumentSet("octal-looking", "{\"port\": 1, \"targets\": [{\"host\": \"0177.0.0.1\"}]}",
                        "is not a host name"),
                argumentSet("a leading zero", "{\"port\": 1, \"targets\": [{\"host\": \"010.0.0.1\"}]}",
                        "is not a valid IP address"),
                argumentSet("a name in brackets (never looked up)", "{\"port\": 1, \"targets\": [{\"host\": \"[x.example.com]\"}]}",
                        "is not a host name or an IP address"),
                argumentSet("a colon in a name (never looked up)", "{\"port\": 1, \"targets\": [{\"host\": \"g:x.example.com\"}]}",
                        "is not a host name or an IP address"),
                argumentSet("a 32-bit number", "{\"port\": 1, \"targets\": [{\"host\": \"167772161\"}]}",
                        "is not a host name"),
                argumentSet("two-part address", "{\"port\": 1, \"targets\": [{\"host\": \"10.1\"}]}",
                        "is not a host name"),
                argumentSet("hex address", "{\"port\": 1, \"targets\": [{\"host\": \"0xa000001\"}]}",
                        "is not a host name"),
                argumentSet("too many targets", "{\"port\": 1, \"targets\": ["
                        + "{\"host\": \"a.example.com\"},".repeat(16) + "{\"host\": \"a.example.com\"}]}",
                        "at most 16"));
    }

    private static TestConnectivityBody body(String json) {
        return EventJson.read(json, TestConnectivityBody.class);
    }
}
