package io.dataflow.privatelink.simulator.common;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointAddressesTest {

    @Test
    void eachZoneOfAnEndpointHasItsOwnLoopbackAddressTheSameInEveryRun() throws Exception {
        EndpointAddresses addresses = new EndpointAddresses();
        Set<String> seen = new HashSet<>();
        for (int endpoint = 0; endpoint < 200; endpoint++) {
            for (String zone : new String[] {"use1-az1", "use1-az2", "use1-az3"}) {
                String address = addresses.addressOf("vpce-" + endpoint, zone);
                byte[] bytes = InetAddress.getByName(address).getAddress();
                assertEquals(127, bytes[0], address);
                assertEquals(0x40, bytes[1] & 0xc0, "in 127.64.0.0/10: " + address);
                assertNotEquals("127.0.0.1", address);
                assertTrue(seen.add(address), "handed out twice: " + address);
            }
        }
        assertEquals(addresses.addressOf("vpce-7", "use1-az2"), new EndpointAddresses().addressOf("vpce-7", "use1-az2"),
                "a hash of (endpoint, zone), not an order of arrival");
        assertEquals(addresses.addressOf("vpce-7", "use1-az2"), addresses.addressOf("vpce-7", "use1-az2"));
    }

    @Test
    void aPairWhoseAddressIsTakenGetsTheNextFreeOneAndKeepsIt() {
        EndpointAddresses addresses = new EndpointAddresses();
        assertEquals("127.64.0.5", addresses.allocate("a/z1", 5));
        assertEquals("127.64.0.6", addresses.allocate("b/z1", 5));
        assertEquals("127.64.0.7", addresses.allocate("c/z1", 6));
        assertEquals("127.64.0.5", addresses.allocate("a/z1", 5), "handed out once, kept");
        // The probe wraps around inside the block.
        assertEquals("127.127.255.255", addresses.allocate("d/z1", EndpointAddresses.SPAN - 1));
        assertEquals("127.64.0.0", addresses.allocate("e/z1", EndpointAddresses.SPAN - 1));
    }
}
