package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.HttpExchanges;
import io.dataflow.privatelink.simulator.common.SimulatorOperations;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PrivateLink RPC endpoint: parameters in (query string and/or form body, as the Alibaba Cloud SDK
 * sends them), JSON out. Per request: count the call, check Version and Action, authenticate (AccessKeyId
 * and its HMAC-SHA1 signature, nonce not reused), apply injected faults and rate buckets, then run the
 * action. Any {@link AlicloudApiError} becomes Alibaba Cloud's error body with its HTTP status.
 */
final class AlicloudHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(AlicloudHttpHandler.class.getName());
    /** How long Alibaba Cloud remembers a SignatureNonce (and accepts a Timestamp). */
    private static final long NONCE_TTL_NANOS = Duration.ofMinutes(15).toNanos();

    private final AlicloudStore store;
    private final AlicloudActions actions;
    private final PrivateZoneActions privateZone;
    private final SimulatorOperations operations;
    private final AlicloudSimulatorConfig config;
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    AlicloudHttpHandler(AlicloudStore store, AlicloudActions actions, PrivateZoneActions privateZone, SimulatorOperations operations,
                        AlicloudSimulatorConfig config) {
        this.store = store;
        this.actions = actions;
        this.privateZone = privateZone;
        this.operations = operations;
        this.config = config;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = AlicloudIds.requestId();
        RpcRequest req = new RpcRequest(HttpExchanges.readParams(exchange));
        String action = req.string("Action");
        int status = 200;
        ObjectNode body;
        try {
            body = process(exchange, req, action);
            body.put("RequestId", requestId);
        } catch (AlicloudApiError e) {
            status = e.httpStatus();
            body = error(e, requestId, req.string("RegionId"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Alibaba Cloud simulator failed on " + action, e);
            AlicloudApiError internal = AlicloudApiError.internalError();
            status = internal.httpStatus();
            body = error(internal, requestId, req.string("RegionId"));
        }
        HttpExchanges.send(exchange, status, "application/json;charset=utf-8", bytes(body),
                Map.of("x-acs-request-id", requestId));
    }

    private ObjectNode process(HttpExchange exchange, RpcRequest req, String action) {
        if (action == null) {
            throw AlicloudApiError.missingParameter("Action");
        }
        operations.recordCall(action);
        // PrivateLink and PrivateZone share the simulator's endpoint; the API version tells them apart.
        String version = req.required("Version");
        Optional<AlicloudAction> found = switch (version) {
            case AlicloudActions.VERSION -> actions.find(action);
            case PrivateZoneActions.VERSION -> privateZone.find(action);
            default -> throw AlicloudApiError.invalidVersion();
        };
        AlicloudAction handler = found.orElseThrow(() -> AlicloudApiError.invalidAction(action));
        String accountId = authenticate(exchange.getRequestMethod().toUpperCase(Locale.ROOT), req);
        // PrivateZone is a central service: its requests may come without a region.
        String region = version.equals(PrivateZoneActions.VERSION) && req.string("RegionId") == null
                ? "cn-hangzhou" : req.required("RegionId");
        Caller caller = new Caller(accountId, region);

        FaultSpec.Kind fault = operations.admit(action,
                caller.accountId() + "|" + caller.regionId() + "|" + action, config.bucketOf(action));
        if (fault != null) {
            throw switch (fault) {
                case THROTTLE -> AlicloudApiError.throttlingUser();
                case SERVICE_UNAVAILABLE -> AlicloudApiError.serviceUnavailable();
                default -> AlicloudApiError.internalError();
            };
        }
        return handler.handle(caller, req);
    }

    /** The account behind the AccessKeyId, once the request's signature is proven to be made with its secret. */
    private String authenticate(String httpMethod, RpcRequest req) {
        String accessKeyId = req.required("AccessKeyId");
        AlicloudStore.AccessKey key = store.accessKey(accessKeyId).orElseThrow(AlicloudApiError::accessKeyNotFound);
        if (!config.verifySignatures()) {
            return key.accountId();
        }
        String method = req.string("SignatureMethod");
        if (method != null && !method.equals(RpcSignature.METHOD)) {
            throw AlicloudApiError.unsupportedSignatureMethod(method);
        }
        String signature = req.required("Signature");
        String stringToSign = RpcSignature.stringToSign(httpMethod, req.all());
        String expected = RpcSignature.sign(stringToSign, key.secret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw AlicloudApiError.signatureDoesNotMatch(stringToSign);
        }
        String nonce = req.string("SignatureNonce");
        if (nonce != null && !rememberNonce(accessKeyId + "|" + nonce)) {
            throw AlicloudApiError.signatureNonceUsed();
        }
        return key.accountId();
    }

    /** False when the nonce was already used within the last 15 minutes. */
    private boolean rememberNonce(String key) {
        long now = System.nanoTime();
        if (nonces.size() > 10_000) {
            for (Iterator<Long> it = nonces.values().iterator(); it.hasNext(); ) {
                if (now - it.next() > NONCE_TTL_NANOS) {
                    it.remove();
                }
            }
        }
        Long previous = nonces.putIfAbsent(key, now);
        if (previous == null) {
            return true;
        }
        if (now - previous > NONCE_TTL_NANOS) {
            nonces.put(key, now);
            return true;
        }
        return false;
    }

    /** {@code {"RequestId","HostId","Code","Message","Recommend"}}, as Alibaba Cloud's gateway answers. */
    private static ObjectNode error(AlicloudApiError e, String requestId, String regionId) {
        ObjectNode n = AlicloudJson.object();
        n.put("RequestId", requestId);
        n.put("HostId", regionId == null ? "privatelink.aliyuncs.com" : "privatelink." + regionId + ".aliyuncs.com");
        n.put("Code", e.code());
        n.put("Message", e.getMessage());
        n.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=Privatelink&requestId="
                + requestId);
        return n;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return AlicloudJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
