package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the AWS SDK's failures are classified: what is retried, what fails, what goes to operators. */
class AwsCallsTest {

    private static final String ROLE_TEXT = "You are not authorized to perform this operation. User: "
            + "arn:aws:sts::111111111111:assumed-role/plc-worker/i-0abc is not authorized to perform: "
            + "ec2:CreateVpcEndpoint";

    private final CloudCredentials credentials = new CloudCredentials();
    private final AwsCalls calls = new AwsCalls(credentials);

    @Test
    void aMissingPermissionIsRetriedReportedToOperatorsAndNeverShowsThePlatformsRole() {
        CloudException e = refused(403, "UnauthorizedOperation", ROLE_TEXT);

        assertTrue(e.retryable(), "the connection waits for the operator, it does not fail");
        assertFalse(e.getMessage().contains("arn:aws"), e.getMessage());
        assertFalse(e.getMessage().contains("111111111111"), e.getMessage());
        assertEquals(ROLE_TEXT, credentials.needingOperator().get("UnauthorizedOperation"));
        assertNull(credentials.rejection(), "the credentials themselves are fine: readiness stays UP");
    }

    @Test
    void aQuotaReachedIsRetriedAndReportedToOperators() {
        CloudException e = refused(400, "VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.");

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("quota"), e.getMessage());
        assertNotNull(credentials.needingOperator().get("VpcEndpointLimitExceeded"));
    }

    @Test
    void credentialsThatCannotBeLoadedMakeTheWorkerNotReadyAndAreRetried() {
        CloudException e = assertThrows(CloudException.class, () -> calls.call(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                    + "AwsCredentialsProviderChain(WebIdentityTokenCredentialsProvider(), ...)");
        }));

        assertTrue(e.retryable());
        assertNotNull(credentials.rejection(), "readiness DOWN with the reason");
        assertTrue(credentials.rejection().contains("IRSA"), credentials.rejection());
    }

    @Test
    void aClockSkewIsTheOperatorsAndRetried() {
        CloudException e = refused(400, "RequestExpired", "Request has expired.");

        assertTrue(e.retryable());
        assertNotNull(credentials.rejection());
        assertTrue(credentials.rejection().contains("clock"), credentials.rejection());
    }

    @Test
    void throttlingIsRecognisedByTheSdksOwnSignalEvenUnderAnUnlistedCode() {
        CloudException e = refused(429, "SlowDown", "Rate exceeded");

        assertTrue(e.retryable());
    }

    @Test
    void aRealRefusalOfTheRequestIsNotRetried() {
        CloudException e = refused(400, "InvalidParameter", "The subnet is not in the VPC.");

        assertFalse(e.retryable());
        assertTrue(credentials.needingOperator().isEmpty());
    }

    private CloudException refused(int status, String code, String message) {
        AwsServiceException refusal = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message).build();
        return assertThrows(CloudException.class, () -> calls.call(() -> {
            throw refusal;
        }));
    }
}
