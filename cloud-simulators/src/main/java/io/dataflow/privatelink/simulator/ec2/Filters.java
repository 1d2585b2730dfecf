package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.ec2.QueryRequest.Filter;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2 {@code Filter.N} semantics: filters are ANDed, a filter's values are ORed, values may use the
 * {@code *} and {@code ?} wildcards, and {@code tag:<key>} / {@code tag-key} look at the resource tags.
 * Unknown filter names fail the request, as EC2 does.
 */
final class Filters {

    private Filters() {
    }

    /**
     * @param fields            filter name → the resource's values for it
     * @param tagsOf            the resource's tags, or null if the resource has no tag filters
     * @param caseInsensitive   filter names matched ignoring case (states, whose wire case SDK users get wrong)
     */
    static <T> Predicate<T> compile(List<Filter> filters, Map<String, Function<T, List<String>>> fields,
                                    Function<T, List<Tag>> tagsOf, Set<String> caseInsensitive) {
        List<Predicate<T>> checks = new ArrayList<>();
        for (Filter filter : filters) {
            String name = filter.name();
            boolean ignoreCase = caseInsensitive.contains(name);
            List<Pattern> patterns = filter.values().stream().map(v -> glob(v, ignoreCase)).toList();
            Function<T, List<String>> valuesOf;
            if (fields.containsKey(name)) {
                valuesOf = fields.get(name);
            } else if (tagsOf != null && name.startsWith("tag:")) {
                String key = name.substring(4);
                valuesOf = r -> tagsOf.apply(r).stream().filter(t -> t.key().equals(key)).map(Tag::value).toList();
            } else if (tagsOf != null && name.equals("tag-key")) {
                valuesOf = r -> tagsOf.apply(r).stream().map(Tag::key).toList();
            } else {
                throw Ec2ApiError.invalidParameterValue("The filter '" + name + "' is invalid");
            }
            checks.add(r -> valuesOf.apply(r).stream()
                    .anyMatch(v -> patterns.stream().anyMatch(p -> p.matcher(v).matches())));
        }
        return r -> checks.stream().allMatch(c -> c.test(r));
    }

    private static Pattern glob(String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
