package io.dataflow.privatelink.simulator.alicloud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC signature, version 1.0 with HMAC-SHA1: sort every parameter but {@code Signature}
 * by name, percent-encode names and values (RFC 3986: space {@code %20}, {@code *} {@code %2A},
 * {@code ~} kept), join them as {@code k=v&…}, and sign
 * {@code METHOD + "&" + percentEncode("/") + "&" + percentEncode(thatQuery)} with the key
 * {@code secret + "&"}; the signature is the Base64 of the MAC.
 */
final class RpcSignature {

    static final String METHOD = "HMAC-SHA1";
    static final String VERSION = "1.0";

    private RpcSignature() {
    }

    static String stringToSign(String httpMethod, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
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

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
