package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.DefaultCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.worker.budget.RetryPolicy;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.dataflow.privatelink.worker.metrics.CloudCallMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
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

    private final CloudCallMetrics metrics;
    private final Tracer tracer;

    PrivateLinkClient(AlicloudConfig config, CloudCredentials credentials, CloudCallMetrics metrics, Tracer tracer) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.config = config;
        this.credentials = credentials;
        this.retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().baseDelay(),
                config.retry().maxDelay());
    }

    public <T extends AcsResponse> T call(String region, AcsRequest<T> request) {
        DefaultAcsClient client = clients.computeIfAbsent(region, this::build);
        AcsRequest<T> prepared = prepared(request);
        return counted(prepared.getSysActionName(), () -> classified(prepared.getSysActionName(),
                () -> client.getAcsResponse(prepared)));
    }

    /**
     * The request as it is sent: over HTTPS, always, unless {@code plc.alicloud.protocol=http} (the simulator).
     * The SDK's request classes default to HTTPS but its {@code CommonRequest} to plain HTTP, so the protocol
     * is set on every request, never left to the class.
     */
    <R extends AcsRequest<?>> R prepared(R request) {
        request.setSysProtocol(protocol());
        return request;
    }

    CommonRequest prepared(CommonRequest request) {
        request.setSysProtocol(protocol());
        return request;
    }

    private ProtocolType protocol() {
        return "http".equalsIgnoreCase(config.protocol()) ? ProtocolType.HTTP : ProtocolType.HTTPS;
    }

    /**
     * A call to a product without an SDK artifact (PrivateZone) through the core library's
     * {@link CommonRequest}; returns the response's JSON.
     */
    public String callCommon(String region, CommonRequest request) {
        DefaultAcsClient client = clients.computeIfAbsent(region, this::build);
        CommonRequest prepared = prepared(request);
        return counted(prepared.getSysAction(), () -> classified(prepared.getSysAction(),
                () -> client.getCommonResponse(prepared).getData()));
    }

    /**
     * Counts the call, its retries included, by action and how it ended, in a span of its own under the reconcile
     * step's (the SDK has no OpenTelemetry instrumentation; the AWS worker's comes with its SDK).
     */
    private <T> T counted(String action, java.util.function.Supplier<T> call) {
        Span span = tracer.spanBuilder("Alicloud." + action).setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", "alicloud-api").setAttribute("rpc.method", action).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            T response = call.get();
            metrics.call("ALICLOUD", action, CloudCallMetrics.OK);
            return response;
        } catch (CloudException e) {
            metrics.call("ALICLOUD", action, e.errorCode());
            span.setStatus(StatusCode.ERROR, e.errorCode());
            span.setAttribute("error.type", e.errorCode());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The SDK's call that may throw its checked exceptions. */
    interface SdkCall<T> {
        T run() throws ClientException;
    }

    /**
     * Runs a call with retries, classifying its failures. What only an operator can fix (the key refused, a
     * missing RAM permission, a quota) is retried and reported to operators with the cloud's raw text; the
     * message the user may see never carries the platform's account or role.
     */
    <T> T classified(String action, SdkCall<T> sdkCall) {
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
                if (code != null && (code.startsWith("Forbidden") || code.startsWith("NoPermission"))) {
                    credentials.needsOperator(code, e.getErrMsg());
                    throw new CloudException(code, "The platform is missing a cloud permission for this step; "
                            + "operators are alerted and the step is retried.", true, e);
                }
                if (code != null && code.startsWith("QuotaExceeded")) {
                    credentials.needsOperator(code, e.getErrMsg());
                    throw new CloudException(code, "The platform account has reached a cloud quota; operators are "
                            + "alerted and the step is retried.", true, e);
                }
                if (code != null && code.startsWith("Throttling")) {
                    metrics.throttled("ALICLOUD", action);
                }
                boolean retryable = code != null && (code.startsWith("Throttling") || code.equals("ServiceUnavailable")
                        || code.equals("SDK.ServerUnreachable") || code.equals("SDK.TimeoutError"));
                throw new CloudException(code, e.getErrMsg(), retryable, e);
            }
        });
    }

    private DefaultAcsClient build(String region) {
        DefaultAcsClient client;
        if (config.accessKeyId().isPresent() && config.accessKeySecret().isPresent()) {
            client = new DefaultAcsClient(DefaultProfile.getProfile(region, config.accessKeyId().get(),
                    config.accessKeySecret().get()));
        } else {
            try {
                client = new DefaultAcsClient(DefaultProfile.getProfile(region), new DefaultCredentialsProvider());
            } catch (ClientException e) {
                throw new IllegalStateException("Cannot set up Alibaba Cloud's credentials chain: " + e.getMessage(), e);
            }
        }
        // A per-client resolver: DefaultProfile.addEndpoint would change every client in the process.
        config.endpoint().ifPresent(endpoint -> client.setEndpointResolver(request -> endpoint));
        return client;
    }
}
