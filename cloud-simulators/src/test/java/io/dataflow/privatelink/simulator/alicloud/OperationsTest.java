package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.PLATFORM_KEY;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.REGION;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication, injected faults, rate buckets and call counts, as the real SDK experiences them. */
class OperationsTest {

    private AlicloudHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private CommonRequest common(String action) {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain(h.simulator.hostAndPort());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysVersion(AlicloudActions.VERSION);
        request.setSysAction(action);
        request.setSysRegionId(REGION);
        return request;
    }

    @Test
    void aWrongSecretFailsTheSignatureCheck() throws ClientException {
        h = AlicloudHarness.start();
        DefaultAcsClient wrongSecret = h.client(PLATFORM_KEY, "not-the-secret");

        // On the wire: 400 SignatureDoesNotMatch with the server's string to sign, as Alibaba Cloud answers.
        // CommonRequest hands that code through as it is.
        ClientException raw = assertThrows(ClientException.class,
                () -> wrongSecret.getCommonResponse(common("ListVpcEndpoints")));
        assertEquals("SignatureDoesNotMatch", raw.getErrCode());
        assertTrue(raw.getErrMsg().startsWith("Specified signature is not matched with our calculation. "
                + "server string to sign is:POST&%2F&AccessKeyId%3D" + PLATFORM_KEY), raw.getErrMsg());

        // The typed requests compare that string with their own: equal means only the secret can be wrong,
        // and the SDK itself rewrites the error, exactly as against the real cloud.
        ClientException typed = assertThrows(ClientException.class,
                () -> call(wrongSecret, new ListVpcEndpointsRequest()));
        assertEquals("SDK.InvalidAccessKeySecret", typed.getErrCode());
        assertFalse(typed instanceof ServerException);

        assertEquals(2, h.simulator.callCount("ListVpcEndpoints"));
        CommonResponse ok = h.platform.getCommonResponse(common("ListVpcEndpoints"));
        assertEquals(200, ok.getHttpStatus());
        assertTrue(ok.getData().contains("\"Endpoints\":[]"), ok.getData());
    }

    @Test
    void unknownAccessKeysActionsAndVersionsAreRejected() {
        h = AlicloudHarness.start();
        DefaultAcsClient stranger = h.client("LTAI5tUnknown000000000", "whatever");
        ClientException unknownKey = assertThrows(ClientException.class,
                () -> call(stranger, new ListVpcEndpointsRequest()));
        assertEquals("InvalidAccessKeyId.NotFound", unknownKey.getErrCode());
        assertEquals("Specified access key is not found.", unknownKey.getErrMsg());

        assertEquals("InvalidAction.NotFound", assertThrows(ClientException.class,
                () -> h.platform.getCommonResponse(common("DescribeVpcEndpoints"))).getErrCode());
        CommonRequest oldVersion = common("ListVpcEndpoints");
        oldVersion.setSysVersion("2019-01-01");
        assertEquals("InvalidVersion", assertThrows(ClientException.class,
                () -> h.platform.getCommonResponse(oldVersion)).getErrCode());
    }

    @Test
    void parametersMayAlsoComeInAFormBody() throws ClientException {
        h = AlicloudHarness.start();
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        CommonRequest request = common("ListVpcEndpointServicesByEndUser");
        request.putBodyParameter("ServiceId", service.getServiceId());
        CommonResponse response = h.platform.getCommonResponse(request);
        assertTrue(response.getData().contains(service.getServiceId()), response.getData());
    }

    @Test
    void throttlingIsA400ThatTheSdkDoesNotRetry() throws ClientException {
        h = AlicloudHarness.start();
        h.simulator.injectFault("ListVpcEndpoints", FaultSpec.throttling().times(1));

        ClientException throttled = assertThrows(ClientException.class,
                () -> call(h.platform, new ListVpcEndpointsRequest()));
        assertTrue(throttled.getErrCode().startsWith("Throttling"), throttled.getErrCode());
        assertEquals("Throttling.User", throttled.getErrCode());
        assertFalse(throttled instanceof ServerException, "HTTP 400, so a ClientException");
        assertEquals(1, h.simulator.callCount("ListVpcEndpoints"), "one request: the SDK did not retry");
        assertEquals(1, h.simulator.throttledCount("ListVpcEndpoints"));

        call(h.platform, new ListVpcEndpointsRequest());
        assertEquals(2, h.simulator.callCount("ListVpcEndpoints"));
        assertTrue(h.simulator.activeFaults().isEmpty(), "a counted fault retires");
    }

    @Test
    void serverSideFaultsBecomeServerExceptions() throws ClientException {
        h = AlicloudHarness.start();
        h.simulator.injectFault("*", FaultSpec.internalError().times(1));
        ServerException internal = assertThrows(ServerException.class,
                () -> call(h.platform, new ListVpcEndpointsRequest()));
        assertEquals("InternalError", internal.getErrCode());

        h.simulator.injectFault("ListVpcEndpoints", FaultSpec.serviceUnavailable().times(1));
        ServerException unavailable = assertThrows(ServerException.class,
                () -> call(h.platform, new ListVpcEndpointsRequest()));
        assertEquals("ServiceUnavailable", unavailable.getErrCode());
        assertEquals(2, h.simulator.callCount("ListVpcEndpoints"));

        h.simulator.injectFault("ListVpcEndpoints", FaultSpec.latency(Duration.ofMillis(300)).times(1));
        long start = System.nanoTime();
        call(h.platform, new ListVpcEndpointsRequest());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300, "latency was added");

        h.simulator.injectFault("ListVpcEndpoints", FaultSpec.throttling().withProbability(0));
        call(h.platform, new ListVpcEndpointsRequest());
        h.simulator.clearFaults();
        assertEquals(0, h.simulator.throttledCount());
    }

    @Test
    void rateBucketsThrottlePerApiWhenEnabled() throws ClientException {
        h = AlicloudHarness.start(AlicloudSimulatorConfig.builder()
                .rateBucket("CreateVpcEndpoint", new RateBucketSpec(2, 0.001)) // effectively no refill
                .rateLimitsEnabled(true));
        CreateVpcEndpointServiceResponse service = h.createSharedService(true);
        h.createEndpoint(service.getServiceName());
        h.createEndpoint(service.getServiceName());
        ClientException throttled = assertThrows(ClientException.class,
                () -> h.createEndpoint(service.getServiceName()));
        assertEquals("Throttling.User", throttled.getErrCode());
        assertEquals(2, call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().size(), "other APIs unaffected");
        assertEquals(1, h.simulator.throttledCount());

        h.simulator.setRateLimitsEnabled(false);
        h.createEndpoint(service.getServiceName());
        assertEquals(4, h.simulator.callCount("CreateVpcEndpoint"));
        h.simulator.resetCallCounts();
        assertTrue(h.simulator.callCounts().isEmpty());
    }

    @Test
    void theDefaultBucketsSplitReadsFromWrites() {
        AlicloudSimulatorConfig config = AlicloudSimulatorConfig.defaults();
        assertEquals(AlicloudSimulatorConfig.DEFAULT_READ_BUCKET, config.bucketOf("ListVpcEndpoints"));
        assertEquals(AlicloudSimulatorConfig.DEFAULT_WRITE_BUCKET, config.bucketOf("CreateVpcEndpoint"));
        assertInstanceOf(RateBucketSpec.class, config.bucketOf("GetVpcEndpointAttribute"));
        assertEquals(java.util.List.of("cn-hangzhou-a", "cn-hangzhou-b", "cn-hangzhou-c"), config.zonesOf("cn-hangzhou"));
        assertEquals(java.util.List.of("ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"),
                config.zonesOf("ap-southeast-1"));
    }
}
