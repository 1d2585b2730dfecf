package io.dataflow.privatelink.simulator.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one request in a flattened-parameter protocol (EC2 Query, Alibaba Cloud RPC), sorted by
 * name, with typed accessors. Both clouds flatten lists as {@code Name.1, Name.2, …} and structures as
 * {@code Name.1.Member} (EC2 {@code Filter.1.Value.1}; Alibaba {@code Zone.1.VSwitchId}). A subclass passes
 * its cloud's {@link Errors} and its constructor, with which {@link #structs} wraps each structure.
 *
 * @param <R> the subclass
 */
public abstract class FlatRequest<R extends FlatRequest<R>> {

    /** A cloud's errors for a required parameter that is absent or empty, and for a value that does not parse. */
    public record Errors(Function<String, RuntimeException> missingParameter,
                         BiFunction<String, String, RuntimeException> invalidValue) {
    }

    private final Map<String, String> params;
    private final Errors errors;
    private final Predicate<String> envelope;
    private final Function<Map<String, String>, R> wrap;

    /** @param envelope the protocol's own parameters (action, signature, ClientToken…), as opposed to the action's */
    protected FlatRequest(Map<String, String> params, Errors errors, Predicate<String> envelope,
                          Function<Map<String, String>, R> wrap) {
        this.params = Collections.unmodifiableMap(new TreeMap<>(params));
        this.errors = errors;
        this.envelope = envelope;
        this.wrap = wrap;
    }

    public Map<String, String> all() {
        return params;
    }

    /** The value, or null when absent or empty. */
    public String string(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String required(String name) {
        String v = string(name);
        if (v == null) {
            throw errors.missingParameter().apply(name);
        }
        return v;
    }

    /** The value as an integer, null when absent; not a number is the invalid-value error. */
    public Integer integer(String name) {
        return number(name, Integer::valueOf);
    }

    protected <N extends Number> N number(String name, Function<String, N> parser) {
        String v = string(name);
        try {
            return v == null ? null : parser.apply(v);
        } catch (NumberFormatException e) {
            throw errors.invalidValue().apply(name, v);
        }
    }

    /** Values of {@code prefix.1, prefix.2, …} in index order; empty values are skipped. */
    public List<String> list(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)");
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        params.forEach((k, v) -> {
            Matcher m = p.matcher(k);
            if (m.matches() && !v.isEmpty()) {
                byIndex.put(Integer.parseInt(m.group(1)), v);
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** The members of {@code prefix.N.*}, one sub-request per index, in index order. */
    public List<R> structs(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\..+");
        TreeSet<Integer> indexes = new TreeSet<>();
        params.keySet().forEach(k -> {
            Matcher m = p.matcher(k);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        });
        List<R> result = new ArrayList<>();
        for (int index : indexes) {
            String head = prefix + "." + index + ".";
            Map<String, String> members = new TreeMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith(head)) {
                    members.put(k.substring(head.length()), v);
                }
            });
            result.add(wrap.apply(members));
        }
        return result;
    }

    /**
     * What identifies the request for ClientToken idempotency: every parameter but the envelope's, so "same
     * token, same request" can be told from a token reused for a different one.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!envelope.test(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }
}
