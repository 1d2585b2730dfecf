package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.FlatParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters of one Alibaba Cloud RPC request: the common ones ({@code Action}, {@code Version},
 * {@code AccessKeyId}, {@code Signature*}, {@code Timestamp}, {@code RegionId}, …) and the action's, with
 * lists flattened as {@code SecurityGroupId.1} and structures as {@code Zone.1.VSwitchId}.
 */
final class RpcRequest {

    /** Parameters of the RPC envelope rather than of the action. */
    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp",
            "SecurityToken", "ClientToken", "DryRun");

    private final Map<String, String> params;

    RpcRequest(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    Map<String, String> all() {
        return params;
    }

    String string(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = string(name);
        if (v == null) {
            throw AlicloudApiError.missingParameter(name);
        }
        return v;
    }

    boolean bool(String name, boolean defaultValue) {
        String v = string(name);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw AlicloudApiError.invalidParameter(name, v);
    }

    Integer integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw AlicloudApiError.invalidParameter(name, v);
        }
    }

    Long longValue(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw AlicloudApiError.invalidParameter(name, v);
        }
    }

    boolean dryRun() {
        return bool("DryRun", false);
    }

    /** Values of {@code prefix.1, prefix.2, …} in index order. */
    List<String> list(String prefix) {
        return FlatParams.list(params, prefix);
    }

    /** The members of {@code prefix.N.*}, one sub-request per index, in index order. */
    List<RpcRequest> structs(String prefix) {
        List<RpcRequest> result = new ArrayList<>();
        FlatParams.structs(params, prefix).forEach(sub -> result.add(new RpcRequest(sub)));
        return result;
    }

    /**
     * What identifies the request for ClientToken idempotency: the action's parameters without the
     * envelope, so "same token, same request" can be told from a token reused for a different one.
     */
    String fingerprint() {
        StringBuilder sb = new StringBuilder(params.getOrDefault("Action", "")).append('\n');
        params.forEach((k, v) -> {
            if (!ENVELOPE.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }
}
