package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.FlatRequest;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one Alibaba Cloud RPC request: the common ones ({@code Action}, {@code Version},
 * {@code AccessKeyId}, {@code Signature*}, {@code Timestamp}, {@code RegionId}, …) and the action's, with
 * lists flattened as {@code SecurityGroupId.1} and structures as {@code Zone.1.VSwitchId}.
 */
final class RpcRequest extends FlatRequest<RpcRequest> {

    /** Parameters of the RPC envelope rather than of the action. */
    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp",
            "SecurityToken", "ClientToken", "DryRun");

    private static final Errors ERRORS = new Errors(AlicloudApiError::missingParameter,
            AlicloudApiError::invalidParameter);

    RpcRequest(Map<String, String> params) {
        super(params, ERRORS, RpcRequest::new);
    }

    /** {@code true} or {@code false} (case-insensitive); anything else is {@code InvalidParameter}. */
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

    Long longValue(String name) {
        return number(name, Long::valueOf);
    }

    boolean dryRun() {
        return bool("DryRun", false);
    }

    /**
     * What identifies the request for ClientToken idempotency: the action's parameters without the
     * envelope, so "same token, same request" can be told from a token reused for a different one.
     */
    String fingerprint() {
        StringBuilder sb = new StringBuilder(all().getOrDefault("Action", "")).append('\n');
        all().forEach((k, v) -> {
            if (!ENVELOPE.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }
}
