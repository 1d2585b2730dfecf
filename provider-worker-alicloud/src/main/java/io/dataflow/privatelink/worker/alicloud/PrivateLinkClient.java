package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.worker.budget.RetryPolicy;
import io.dataflow.privatelink.worker.cloud.CloudException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Alibaba Cloud SDK, one client per region, with what the SDK leaves to its caller: classifying
 * errors (throttling arrives as HTTP 400 with a {@code Throttling*} code) and retrying them.
 */
@ApplicationScoped
public class PrivateLinkClient {

    private final AlicloudConfig config;
    private final RetryPolicy retry;
    private final Map<String, DefaultAcsClient> clients = new ConcurrentHashMap<>();

    PrivateLinkClient(AlicloudConfig config) {
        this.config = config;
        this.retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().baseDelay(),
                config.retry().maxDelay());
    }

    public <T extends AcsResponse> T call(String region, AcsRequest<T> request) {
        DefaultAcsClient client = clients.computeIfAbsent(region, this::build);
        if ("http".equalsIgnoreCase(config.protocol())) {
            request.setSysProtocol(ProtocolType.HTTP);
        }
        return retry.call(() -> {
            try {
                return client.getAcsResponse(request);
            } catch (ServerException e) {
                throw new CloudException(e.getErrCode(), e.getErrMsg(), true, e);
            } catch (ClientException e) {
                String code = e.getErrCode();
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
