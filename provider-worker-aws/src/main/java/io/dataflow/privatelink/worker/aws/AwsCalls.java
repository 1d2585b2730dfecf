package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs AWS calls (EC2 and Route 53 alike), turning SDK failures into {@link CloudException}s the
 * reconcilers understand, and telling the readiness check whether AWS accepts the credentials.
 */
@ApplicationScoped
public class AwsCalls {

    /** Error codes that say "try again later", not "no". */
    private static final Set<String> RETRYABLE = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "PriorRequestNotComplete", "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");

    /** Codes with which AWS refuses the access key itself (not a permission on one resource). */
    private static final Set<String> CREDENTIALS_REJECTED = Set.of("AuthFailure", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "UnrecognizedClientException");

    /** Codes with which AWS says the platform's role lacks a permission: the operator's to fix, not the user's. */
    private static final Set<String> PERMISSION_MISSING = Set.of("UnauthorizedOperation", "AccessDenied",
            "AccessDeniedException", "UnauthorizedAccess", "OptInRequired");

    /** Codes with which AWS says an account quota is reached: the operator raises it or frees some. */
    private static final Set<String> QUOTA_REACHED = Set.of("VpcEndpointLimitExceeded", "ResourceLimitExceeded",
            "TooManyHostedZones", "LimitsExceeded", "HostedZoneLimitExceeded", "LimitExceededException");

    private final CloudCredentials credentials;

    AwsCalls(CloudCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Classifies by the SDK's own signals first ({@code isThrottlingException()}, {@code isClockSkewException()},
     * {@code retryable()}), then by named codes. What only an operator can fix (credentials refused or not
     * loadable, a clock off, a missing permission, a quota) is retried and reported to operators (readiness,
     * a log line with the raw text); the message the user may see never carries the platform's role or account.
     */
    public <T> T call(Supplier<T> awsCall) {
        try {
            T result = awsCall.get();
            credentials.accepted();
            return result;
        } catch (AwsServiceException e) {
            String code = errorCode(e);
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (code != null && CREDENTIALS_REJECTED.contains(code)) {
                credentials.rejected(code, "check plc.aws.access-key-id and plc.aws.secret-access-key, or the"
                        + " role the worker runs as");
                throw new CloudException(code, "The platform's cloud credentials were refused; operators are "
                        + "alerted and the step is retried.", true, e);
            }
            if (e.isClockSkewException()) {
                credentials.rejected(code, "the worker's clock is too far from AWS's; synchronise it (NTP)");
                throw new CloudException(code, "The platform's clock is off; operators are alerted and the step "
                        + "is retried.", true, e);
            }
            if (code != null && PERMISSION_MISSING.contains(code)) {
                credentials.needsOperator(code, message);
                throw new CloudException(code, "The platform is missing a cloud permission for this step; "
                        + "operators are alerted and the step is retried.", true, e);
            }
            if (code != null && QUOTA_REACHED.contains(code)) {
                credentials.needsOperator(code, message);
                throw new CloudException(code, "The platform account has reached a cloud quota; operators are "
                        + "alerted and the step is retried.", true, e);
            }
            boolean retryable = e.isThrottlingException() || e.retryable() || e.statusCode() >= 500
                    || (code != null && RETRYABLE.contains(code));
            throw new CloudException(code, message, retryable, e);
        } catch (SdkClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
                credentials.rejected("CredentialsNotLoaded", "no AWS credentials could be loaded (static keys, web "
                        + "identity/IRSA, container or instance role): " + e.getMessage());
                throw new CloudException("CredentialsNotLoaded", "The platform's cloud credentials could not be "
                        + "loaded; operators are alerted and the step is retried.", true, e);
            }
            throw new CloudException("ClientError", e.getMessage(), true, e);
        } catch (SdkException e) {
            throw new CloudException("SdkError", e.getMessage(), e.retryable(), e);
        }
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
