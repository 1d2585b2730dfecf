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

    private final CloudCredentials credentials;

    AwsCalls(CloudCredentials credentials) {
        this.credentials = credentials;
    }

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
                throw new CloudException(code, message, true, e);
            }
            boolean retryable = e.statusCode() >= 500 || (code != null && RETRYABLE.contains(code));
            throw new CloudException(code, message, retryable, e);
        } catch (SdkClientException e) {
            throw new CloudException("ClientError", e.getMessage(), true, e);
        } catch (SdkException e) {
            throw new CloudException("SdkError", e.getMessage(), e.retryable(), e);
        }
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
