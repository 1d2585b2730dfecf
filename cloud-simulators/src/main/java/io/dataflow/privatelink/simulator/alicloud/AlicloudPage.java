package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.PageToken;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a PrivateLink {@code MaxResults}/{@code NextToken} listing: MaxResults 1 to 1000, default
 * 50; {@code NextToken} is absent on the last page. The token is the creation sequence number of the last
 * item returned, so pages stay exact while other items are created or deleted in between.
 */
record AlicloudPage<T>(List<T> items, int maxResults, String nextToken) {

    static final int DEFAULT_MAX_RESULTS = 50;
    static final int MAX_MAX_RESULTS = 1000;

    /** @param items the full, filtered result in creation order */
    static <T> AlicloudPage<T> of(List<T> items, ToLongFunction<T> seqOf, RpcRequest req) {
        Integer requested = req.integer("MaxResults");
        if (requested != null && (requested < 1 || requested > MAX_MAX_RESULTS)) {
            throw AlicloudApiError.invalidParameter("MaxResults", requested + " (valid values: 1 to 1000)");
        }
        int limit = requested == null ? DEFAULT_MAX_RESULTS : requested;
        long after;
        try {
            after = PageToken.decode(req.string("NextToken"));
        } catch (IllegalArgumentException e) {
            throw AlicloudApiError.badRequest("InvalidNextToken", "The specified NextToken is not valid.");
        }
        List<T> rest = items.stream().filter(i -> seqOf.applyAsLong(i) > after).toList();
        if (rest.size() <= limit) {
            return new AlicloudPage<>(rest, limit, null);
        }
        List<T> page = rest.subList(0, limit);
        return new AlicloudPage<>(page, limit, PageToken.encode(seqOf.applyAsLong(page.get(limit - 1))));
    }
}
