package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.FlatRequest;
import io.dataflow.privatelink.simulator.common.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parameters of one Alibaba Cloud RPC request: the common ones ({@code Action}, {@code Version},
 * {@code AccessKeyId}, {@code Signature*}, {@code Timestamp}, {@code RegionId}, …) and the action's
 * (see {@link FlatRequest}). Its signature is version 1.0 with HMAC-SHA1: sort every parameter but
 * {@code Signature} by name, percent-encode names and values (RFC 3986: space {@code %20}, {@code *}
 * {@code %2A}, {@code ~} kept), join them as {@code k=v&…}, and sign
 * {@code METHOD + "&" + percentEncode("/") + "&" + percentEncode(thatQuery)} with the key
 * {@code secret + "&"}; the signature is the Base64 of the MAC.
 */
final class RpcRequest extends FlatRequest<RpcRequest> {

    /** Parameters of the RPC envelope rather than of the action. */
    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp",
            "SecurityToken", "ClientToken", "DryRun");

    static final String SIGNATURE_METHOD = "HMAC-SHA1";
    private static final Errors ERRORS = new Errors(AlicloudApiError::missingParameter,
            AlicloudApiError::invalidParameter);

    RpcRequest(Map<String, String> params) {
        super(params, ERRORS, ENVELOPE::contains, RpcRequest::new);
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

    /** The page {@code MaxResults} (1 to 1000, default 50) and {@code NextToken} ask for. */
    <T> Page<T> page(List<T> items, ToLongFunction<T> seqOf) {
        Integer requested = integer("MaxResults");
        if (requested != null && (requested < 1 || requested > 1000)) {
            throw AlicloudApiError.invalidParameter("MaxResults", requested + " (valid values: 1 to 1000)");
        }
        return Page.of(items, seqOf, requested == null ? 50 : requested, string("NextToken"),
                () -> AlicloudApiError.badRequest("InvalidNextToken", "The specified NextToken is not valid."));
    }

    /** What the client signed, given the HTTP method it used. */
    String stringToSign(String httpMethod) {
        StringBuilder query = new StringBuilder();
        all().forEach((k, v) -> {
            if (!k.equals("Signature")) {
                query.append('&').append(percentEncode(k)).append('=').append(percentEncode(v));
            }
        });
        String canonical = query.length() == 0 ? "" : query.substring(1);
        return httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonical);
    }

    static String sign(String stringToSign, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
