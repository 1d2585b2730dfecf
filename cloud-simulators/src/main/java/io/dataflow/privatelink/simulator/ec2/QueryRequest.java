package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.FlatRequest;
import io.dataflow.privatelink.simulator.common.Page;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * The parameters of one EC2 Query request, e.g. {@code Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1}
 * (see {@link FlatRequest}).
 */
final class QueryRequest extends FlatRequest<QueryRequest> {

    private static final Errors ERRORS = new Errors(Ec2ApiError::missingParameter,
            (name, value) -> Ec2ApiError.invalidParameterValue("Invalid value '" + value + "' for " + name));
    /** Parameters of the Query envelope rather than of the action. */
    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "ClientToken", "DryRun", "AWSAccessKeyId");

    QueryRequest(Map<String, String> params) {
        super(params, ERRORS, k -> ENVELOPE.contains(k) || k.startsWith("X-Amz-") || k.startsWith("Signature"),
                QueryRequest::new);
    }

    /** Anything but {@code true} (case-insensitive) is false, as EC2 reads booleans. */
    boolean bool(String name, boolean defaultValue) {
        String v = string(name);
        return v == null ? defaultValue : Boolean.parseBoolean(v);
    }

    List<Filter> filters() {
        return structs("Filter").stream().map(f -> new Filter(f.required("Name"), f.list("Value"))).toList();
    }

    /**
     * The request's {@code Filter.N} with EC2's semantics: filters are ANDed, a filter's values are ORed, values
     * may use the {@code *} and {@code ?} wildcards, and {@code tag:<key>} / {@code tag-key} look at the
     * resource's tags. Unknown filter names fail the request, as EC2 does.
     *
     * @param fields          filter name → the resource's values for it
     * @param tagsOf          the resource's tags, or null if the resource has no tag filters
     * @param caseInsensitive filter names matched ignoring case (states, whose wire case SDK users get wrong)
     */
    <T> Predicate<T> filter(Map<String, Function<T, List<String>>> fields, Function<T, List<Tag>> tagsOf,
                            Set<String> caseInsensitive) {
        Predicate<T> result = r -> true;
        for (Filter filter : filters()) {
            String name = filter.name();
            List<Pattern> patterns = filter.values().stream().map(v -> glob(v, caseInsensitive.contains(name))).toList();
            Function<T, List<String>> valuesOf;
            if (fields.containsKey(name)) {
                valuesOf = fields.get(name);
            } else if (tagsOf != null && name.startsWith("tag:")) {
                valuesOf = r -> tagsOf.apply(r).stream().filter(t -> t.key().equals(name.substring(4)))
                        .map(Tag::value).toList();
            } else if (tagsOf != null && name.equals("tag-key")) {
                valuesOf = r -> tagsOf.apply(r).stream().map(Tag::key).toList();
            } else {
                throw Ec2ApiError.invalidParameterValue("The filter '" + name + "' is invalid");
            }
            result = result.and(r -> valuesOf.apply(r).stream()
                    .anyMatch(v -> patterns.stream().anyMatch(p -> p.matcher(v).matches())));
        }
        return result;
    }

    private static Pattern glob(String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("(?=[*?])|(?<=[*?])", -1)) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    /** Tags of {@code TagSpecification.N} whose ResourceType is the given one; other types are rejected as AWS does. */
    List<Tag> tagsFor(String resourceType) {
        List<Tag> tags = new ArrayList<>();
        for (QueryRequest spec : structs("TagSpecification")) {
            String type = spec.string("ResourceType");
            if (!resourceType.equals(type)) {
                throw Ec2ApiError.invalidParameterValue(
                        "'" + type + "' is not a valid taggable resource type for this operation.");
            }
            spec.structs("Tag").forEach(t -> tags.add(new Tag(t.required("Key"), t.all().getOrDefault("Value", ""))));
        }
        return tags;
    }

    /** The request's {@code ClientToken}; EC2 caps it at 64 ASCII characters. */
    String clientToken() {
        String token = string("ClientToken");
        if (token != null && (token.length() > 64 || !token.chars().allMatch(c -> c < 128))) {
            throw Ec2ApiError.invalidParameterValue("Value (" + token + ") for parameter clientToken is invalid. "
                    + "It must be at most 64 ASCII characters.");
        }
        return token;
    }

    /**
     * The page {@code MaxResults} and {@code NextToken} ask for: MaxResults at least {@code minimum} (the
     * action's), above 1000 quietly 1000, as EC2 does.
     */
    <T> Page<T> page(List<T> items, ToLongFunction<T> seqOf, int minimum) {
        Integer maxResults = integer("MaxResults");
        if (maxResults != null && maxResults < minimum) {
            throw Ec2ApiError.invalidParameterValue("Value ( " + maxResults + " ) for parameter maxResults is "
                    + "invalid. Expecting a value greater than " + (minimum - 1) + ".");
        }
        return Page.of(items, seqOf, maxResults == null ? 1000 : Math.min(maxResults, 1000), string("NextToken"),
                () -> Ec2ApiError.badRequest("InvalidPaginationToken",
                        "The specified pagination token is not valid or is expired."));
    }

    record Filter(String name, List<String> values) {
    }

    record Tag(String key, String value) implements Serializable {
    }
}
