package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorOperations;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RPC endpoint of PrivateLink (API version 2020-04-15) and PrivateZone (2018-01-01): parameters in
 * (query string and/or form body, as the Alibaba Cloud SDK sends them), JSON out. Per request: count the
 * call, check Version and Action, authenticate (AccessKeyId and its HMAC-SHA1 signature, nonce not reused),
 * apply injected faults and rate buckets, then run the action. Any {@link AlicloudApiError} becomes Alibaba
 * Cloud's error body with its HTTP status.
 */
final class AlicloudHttpHandler implements HttpHandler {

    /** One API action: parameters in, the JSON body out without RequestId (or an {@link AlicloudApiError}). */
    @FunctionalInterface
    interface Action {
        ObjectNode handle(CallingAccount caller, RpcRequest request);
    }

    private static final System.Logger LOG = System.getLogger(AlicloudHttpHandler.class.getName());
    /** How long Alibaba Cloud remembers a SignatureNonce (and accepts a Timestamp). */
    private static final long NONCE_TTL_NANOS = Duration.ofMinutes(15).toNanos();

    private final AlicloudStore store;
    private final SimulatorOperations operations;
    private final AlicloudSimulatorConfig config;
    // API version → action name → action: PrivateLink and PrivateZone share the endpoint.
    private final Map<String, Map<String, Action>> actions = new HashMap<>();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();

    AlicloudHttpHandler(AlicloudStore store, PrivateZoneStore privateZones, SimulatorOperations operations,
                        AlicloudSimulatorConfig config) {
        this.store = store;
        this.operations = operations;
        this.config = config;
        Map<String, Action> privateLink = new HashMap<>();
        new AlicloudActions(store).register(privateLink);
        Map<String, Action> privateZone = new HashMap<>();
        new PrivateZoneActions(privateZones).register(privateZone);
        actions.put(AlicloudActions.VERSION, privateLink);
        actions.put(PrivateZoneActions.VERSION, privateZone);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        RpcRequest req = new RpcRequest(SimulatorHttpServer.readParams(exchange));
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
        SimulatorHttpServer.send(exchange, status, "application/json;charset=utf-8",
                AlicloudJson.MAPPER.writeValueAsBytes(body), Map.of("x-acs-request-id", requestId));
    }

    private ObjectNode process(HttpExchange exchange, RpcRequest req, String action) {
        if (action == null) {
            throw AlicloudApiError.missingParameter("Action");
        }
        operations.recordCall(action);
        String version = req.required("Version");
        Map<String, Action> ofVersion = Optional.ofNullable(actions.get(version)).orElseThrow(() ->
                AlicloudApiError.badRequest("InvalidVersion", "Specified parameter Version is not valid."));
        Action handler = Optional.ofNullable(ofVersion.get(action)).orElseThrow(() -> new AlicloudApiError(404,
                "InvalidAction.NotFound", "Specified api is not found, please check your url and method."));
        String accountId = authenticate(exchange.getRequestMethod().toUpperCase(Locale.ROOT), req);
        // PrivateZone is a central service: its requests may come without a region.
        String region = version.equals(PrivateZoneActions.VERSION) && req.string("RegionId") == null
                ? "cn-hangzhou" : req.required("RegionId");
        operations.admit(action, accountId + "|" + region + "|" + action, config.bucketOf(action),
                AlicloudApiError::of);
        return handler.handle(new CallingAccount(accountId, region), req);
    }

    /**
     * The account behind the AccessKeyId, once the request's signature is proven to be made with its secret;
     * else the gateway's error (a signature mismatch tells the server's string to sign, as the real one does).
     */
    private String authenticate(String httpMethod, RpcRequest req) {
        String accessKeyId = req.required("AccessKeyId");
        PrivateLinkStore.AccessKey key = store.accessKey(accessKeyId).orElseThrow(() -> new AlicloudApiError(404,
                "InvalidAccessKeyId.NotFound", "Specified access key is not found."));
        String method = req.string("SignatureMethod");
        if (method != null && !method.equals(RpcRequest.SIGNATURE_METHOD)) {
            throw AlicloudApiError.badRequest("InvalidParameter.SignatureMethod",
                    "Specified signature method " + method + " is not supported.");
        }
        String stringToSign = req.stringToSign(httpMethod);
        if (!MessageDigest.isEqual(RpcRequest.sign(stringToSign, key.secret()).getBytes(StandardCharsets.UTF_8),
                req.required("Signature").getBytes(StandardCharsets.UTF_8))) {
            throw AlicloudApiError.badRequest("SignatureDoesNotMatch", "Specified signature is not matched with our "
                    + "calculation. server string to sign is:" + stringToSign);
        }
        String nonce = req.string("SignatureNonce");
        if (nonce != null && !rememberNonce(accessKeyId + "|" + nonce)) {
            throw AlicloudApiError.badRequest("SignatureNonceUsed", "Specified signature nonce was used already.");
        }
        return key.accountId();
    }

    /** False when the nonce was already used within the last 15 minutes. */
    private boolean rememberNonce(String key) {
        long now = System.nanoTime();
        if (nonces.size() > 10_000) {
            nonces.values().removeIf(at -> now - at > NONCE_TTL_NANOS);
        }
        Long previous = nonces.putIfAbsent(key, now);
        return previous == null || (now - previous > NONCE_TTL_NANOS && nonces.replace(key, previous, now));
    }

    /** {@code {"RequestId","HostId","Code","Message","Recommend"}}, as Alibaba Cloud's gateway answers. */
    private static ObjectNode error(AlicloudApiError e, String requestId, String regionId) {
        return AlicloudJson.object()
                .put("RequestId", requestId)
                .put("HostId", regionId == null ? "privatelink.aliyuncs.com" : "privatelink." + regionId + ".aliyuncs.com")
                .put("Code", e.code())
                .put("Message", e.getMessage())
                .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=Privatelink&requestId="
                        + requestId);
    }
}
