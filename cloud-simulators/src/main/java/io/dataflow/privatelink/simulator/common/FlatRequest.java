package io.dataflow.privatelink.simulator.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The parameters of one request in a flattened-parameter protocol (EC2 Query, Alibaba Cloud RPC), sorted by
 * name, with typed accessors. A subclass passes its cloud's {@link Errors} for a missing or malformed
 * parameter and its constructor, with which {@link #structs} wraps the members of each structure.
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
    private final Function<Map<String, String>, R> wrap;

    protected FlatRequest(Map<String, String> params, Errors errors, Function<Map<String, String>, R> wrap) {
        this.params = Collections.unmodifiableMap(new TreeMap<>(params));
        this.errors = errors;
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
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (NumberFormatException e) {
            throw errors.invalidValue().apply(name, v);
        }
    }

    /** Values of {@code prefix.1, prefix.2, …} in index order; empty values are skipped. */
    public List<String> list(String prefix) {
        return FlatParams.list(params, prefix);
    }

    /** The members of {@code prefix.N.*}, one sub-request per index, in index order. */
    public List<R> structs(String prefix) {
        List<R> result = new ArrayList<>();
        FlatParams.structs(params, prefix).forEach(sub -> result.add(wrap.apply(sub)));
        return result;
    }
}
