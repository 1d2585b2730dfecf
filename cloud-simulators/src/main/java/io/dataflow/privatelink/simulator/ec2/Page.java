package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.PageToken;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a {@code MaxResults}/{@code NextToken} listing. The token is the creation sequence number of
 * the last item returned, so pages stay exact while other items are created or deleted in between.
 */
record Page<T>(List<T> items, String nextToken) {

    private static final int MAX_PAGE = 1000;

    /**
     * @param items    the full, filtered result in creation order
     * @param minimum  the smallest MaxResults the action accepts
     */
    static <T> Page<T> of(List<T> items, ToLongFunction<T> seqOf, QueryRequest req, int minimum) {
        Integer maxResults = req.integer("MaxResults");
        if (maxResults != null && maxResults < minimum) {
            throw Ec2ApiError.invalidParameterValue("Value ( " + maxResults + " ) for parameter maxResults is "
                    + "invalid. Expecting a value greater than " + (minimum - 1) + ".");
        }
        // Above 1000 EC2 quietly returns 1000.
        int limit = maxResults == null ? MAX_PAGE : Math.min(maxResults, MAX_PAGE);
        long after = decode(req.string("NextToken"));
        List<T> rest = items.stream().filter(i -> seqOf.applyAsLong(i) > after).toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        List<T> page = rest.subList(0, limit);
        return new Page<>(page, encode(seqOf.applyAsLong(page.get(limit - 1))));
    }

    private static String encode(long seq) {
        return PageToken.encode(seq);
    }

    private static long decode(String token) {
        try {
            return PageToken.decode(token);
        } catch (IllegalArgumentException e) {
            throw Ec2ApiError.badRequest("InvalidPaginationToken",
                    "The specified pagination token is not valid or is expired.");
        }
    }
}
