package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.metrics.CloudCallMetrics;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Each AWS SDK call into {@link CloudCallMetrics}: its outcome (after its retries) from the execution
 * interceptor, its throttled attempts from the SDK's own per-attempt metrics ({@code ErrorType} Throttling).
 */
final class AwsCallMetrics implements ExecutionInterceptor, MetricPublisher {

    /** The value of {@link CoreMetric#ERROR_TYPE} for an attempt refused for the rate (the SDK's SdkErrorType). */
    private static final String THROTTLING = "Throttling";

    private final CloudCallMetrics metrics;

    AwsCallMetrics(CloudCallMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        metrics.call("AWS", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), CloudCallMetrics.OK);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String outcome = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null ? aws.awsErrorDetails().errorCode()
                : failure.getClass().getSimpleName();
        metrics.call("AWS", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), outcome);
    }

    @Override
    public void publish(MetricCollection call) {
        String action = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse(null);
        call.childrenWithName("ApiCallAttempt")
                .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
                .forEach(attempt -> metrics.throttled("AWS", action));
    }

    @Override
    public void close() {
    }
}
