package io.dataflow.privatelink.simulator.common;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The IPv4 address of each zone of each interface endpoint: a loopback address in {@code 127.64.0.0/10} (so
 * never {@code 127.0.0.1}), chosen from a hash of (endpoint id, zone id), so the same endpoint gets the same
 * addresses in every run. Linux routes all of {@code 127.0.0.0/8} to {@code lo}: such an address can be
 * bound and connected to without any network setup, and stands for the endpoint's network interface in that
 * zone. Two pairs whose hashes meet are told apart by probing: the later one takes the next address not
 * handed out yet. What was handed out is kept with the store's state, so a restarted simulator answers the
 * same addresses. Not thread-safe: the store's lock guards it.
 */
public final class EndpointAddresses implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code 127.64.0.0}, the first address of the block. */
    private static final int BASE = (127 << 24) | (64 << 16);
    /** A /10: 2^22 addresses. */
    static final int SPAN = 1 << 22;

    // "endpointId/zoneId" → address, and the reverse, for probing
    private final Map<String, String> byZone = new HashMap<>();
    private final Map<String, String> holders = new HashMap<>();

    /** The address of the endpoint's zone: the one handed out before, or a new one. */
    public String addressOf(String endpointId, String zoneId) {
        String key = endpointId + "/" + zoneId;
        String known = byZone.get(key);
        return known != null ? known : allocate(key, preferredOffset(key));
    }

    /** Hands out the first free address from {@code offset} on (wrapping inside the block) to {@code key}. */
    String allocate(String key, int offset) {
        String known = byZone.get(key);
        if (known != null) {
            return known;
        }
        for (int probe = 0; probe < SPAN; probe++) {
            String address = format(BASE + ((offset + probe) & (SPAN - 1)));
            if (!holders.containsKey(address)) {
                holders.put(address, key);
                byZone.put(key, address);
                return address;
            }
        }
        throw new IllegalStateException("every address of 127.64.0.0/10 is handed out");
    }

    /** Where a key's address is when nobody else holds it: 22 bits of its SHA-256. */
    private static int preferredOffset(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt() & (SPAN - 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
