package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.worker.budget.RetryPolicy;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Alibaba Cloud SDK (PrivateLink's own artifact, and PrivateZone through the core's
 * {@code CommonRequest}), one client per region, with what the SDK leaves to its caller: classifying
 * errors (throttling arrives as HTTP 400 with a {@code Throttling*} code) and retrying them.
 */
@ApplicationScoped
public class PrivateLinkClient {

    /** Codes with which Alibaba Cloud (or its SDK, for a wrong secret) refuses the access key itself. */
    private static final Set<String> CREDENTIALS_REJECTED = Set.of("SDK.InvalidAccessKeySecret",
            "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive");

    private final AlicloudConfig config;
    private final CloudCredentials credentials;
    private final RetryPolicy retry;
    private final Map<String, DefaultAcsClient> clients = new ConcurrentHashMap<>();

    PrivateLinkClient(AlicloudConfig config, CloudCredentials credentials) {
        this.config = config;
        this.credentials = credentials;
        this.retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().baseDelay(),
                config.retry().maxDelay());
    }

    public <T extends AcsResponse> T call(String region, AcsRequest<T> request) {
        DefaultAcsClient client = clients.computeIfAbsent(region, this::build);
        if ("http".equalsIgnoreCase(config.protocol())) {
            request.setSysProtocol(ProtocolType.HTTP);
        }
        return classified(() -> client.getAcsResponse(request));
    }

    /**
     * A call to a product without an SDK artifact (PrivateZone) through the core library's
     * {@link CommonRequest}; returns the response's JSON.
     */
    public String callCommon(String region, CommonRequest request) {
        DefaultAcsClient client = clients.computeIfAbsent(region, this::build);
        if ("http".equalsIgnoreCase(config.protocol())) {
            request.setSysProtocol(ProtocolType.HTTP);
        }
        return classified(() -> client.getCommonResponse(request).getData());
    }

    /** The SDK's call that may throw its checked exceptions. */
    private interface SdkCall<T> {
        T run() throws ClientException;
    }

    private <T> T classified(SdkCall<T> sdkCall) {
        return retry.call(() -> {
            try {
                T response = sdkCall.run();
                credentials.accepted();
                return response;
            } catch (ServerException e) {
                throw new CloudException(e.getErrCode(), e.getErrMsg(), true, e);
            } catch (ClientException e) {
                String code = e.getErrCode();
                if (CREDENTIALS_REJECTED.contains(code)) {
                    credentials.rejected(code, "check plc.alicloud.access-key-id and plc.alicloud.access-key-secret"
                            + " (PLC_ALICLOUD_ACCESS_KEY_ID / PLC_ALICLOUD_ACCESS_KEY_SECRET)");
                    // Retried next cycle: the connection is not at fault, the platform's key is.
                    throw new CloudException(code, e.getErrMsg(), true, e);
                }
                boolean retryable = code != null && (code.startsWith("Throttling") || code.equals("ServiceUnavailable")
                        || code.equals("SDK.ServerUnreachable") || code.equals("SDK.TimeoutError"));
                throw new CloudException(code, e.getErrMsg(), retryable, e);
            }
        });
    }

    private DefaultAcsClient build(String region) {
        DefaultAcsClient client = new DefaultAcsClient(
                DefaultProfile.getProfile(region, config.accessKeyId(), config.accessKeySecret()));
        // A per-client resolver: DefaultProfile.addEndpoint would change every client in the process.
        config.endpoint().ifPresent(endpoint -> client.setEndpointResolver(request -> endpoint));
        return client;
    }
}
