package io.dataflow.privatelink.simulator.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque {@code NextToken} values: the creation sequence number of the last item returned, so pages stay
 * exact while other items are created or deleted in between.
 */
public final class PageToken {

    private static final String PREFIX = "sim1:";

    private PageToken() {
    }

    public static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence number after which the next page starts; {@link Long#MIN_VALUE} for no token. */
    public static long decode(String token) {
        if (token == null) {
            return Long.MIN_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw new IllegalArgumentException("invalid page token: " + token);
    }
}
