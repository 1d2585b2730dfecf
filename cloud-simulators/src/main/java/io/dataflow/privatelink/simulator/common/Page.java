package io.dataflow.privatelink.simulator.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * One page of a {@code MaxResults}/{@code NextToken} listing. The opaque token is the creation sequence
 * number of the last item returned, so pages stay exact while other items are created or deleted in between.
 */
public record Page<T>(List<T> items, int limit, String nextToken) {

    private static final String PREFIX = "sim1:";

    /**
     * The page after {@code token} of at most {@code limit} items.
     *
     * @param items        the full, filtered result in creation order
     * @param token        the request's {@code NextToken}, null for the first page
     * @param invalidToken the cloud's error for a token that is not one of these
     */
    public static <T> Page<T> of(List<T> items, ToLongFunction<T> seqOf, int limit, String token,
                                 Supplier<RuntimeException> invalidToken) {
        long after = token == null ? Long.MIN_VALUE : decode(token, invalidToken);
        List<T> rest = items.stream().filter(i -> seqOf.applyAsLong(i) > after).toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, limit, null);
        }
        List<T> page = rest.subList(0, limit);
        String next = PREFIX + seqOf.applyAsLong(page.get(limit - 1));
        return new Page<>(page, limit,
                Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }

    private static long decode(String token, Supplier<RuntimeException> invalidToken) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw invalidToken.get();
    }
}
