package io.dataflow.privatelink.contract;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Connection ids: {@code plc-} followed by 26 lowercase base32 characters (128 random bits).
 * Short enough to derive cloud idempotency tokens from (AWS ClientToken allows 64 ASCII characters).
 */
public final class ConnectionIds {

    public static final String PREFIX = "plc-";
    private static final Pattern FORMAT = Pattern.compile("plc-[a-z2-7]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectionIds() {
    }

    public static String newId() {
        return PREFIX + Base32.random128(RANDOM);
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    /**
     * The idempotency token for creating this connection's cloud endpoint. Stable across retries
     * and restarts, so a repeated create returns the endpoint the first attempt made.
     */
    public static String clientToken(String connectionId) {
        return connectionId;
    }
}
