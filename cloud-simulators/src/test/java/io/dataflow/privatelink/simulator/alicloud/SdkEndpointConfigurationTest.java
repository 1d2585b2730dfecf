package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.profile.DefaultProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways of pointing the real SDK at the simulator, and the one that does not work: every PrivateLink
 * request class sets HTTPS in its constructor, so the profile's protocol is ignored and each request needs
 * {@code setSysProtocol(ProtocolType.HTTP)}.
 */
class SdkEndpointConfigurationTest {

    private static final String UID = "1000000000000009";
    private static final String KEY = "LTAI5tEndpointConfig0009";
    private static final String SECRET = "endpoint-config-secret";

    private AlicloudSimulator simulator;
    private DefaultAcsClient client;

    @BeforeEach
    void start() {
        simulator = AlicloudSimulator.start(0).addAccount(UID, KEY, SECRET);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        simulator.close();
    }

    private static ListVpcEndpointsRequest overHttp() {
        ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
        request.setSysProtocol(ProtocolType.HTTP);
        return request;
    }

    @Test
    void aPerClientEndpointResolver() throws ClientException {
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", KEY, SECRET));
        client.setEndpointResolver(r -> simulator.hostAndPort());
        assertTrue(client.getAcsResponse(overHttp()).getEndpoints().isEmpty());
    }

    @Test
    void theProcessWideEndpointTableUnderTheProductCodePrivatelink() throws ClientException {
        // Keyed by product code (case-insensitive) and region, for every client in the JVM.
        DefaultProfile.addEndpoint("cn-simulator-9", "Privatelink", simulator.hostAndPort());
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-simulator-9", KEY, SECRET));
        assertTrue(client.getAcsResponse(overHttp()).getEndpoints().isEmpty());
        assertEquals(1, simulator.callCount("ListVpcEndpoints"));
    }

    @Test
    void aPerRequestEndpoint() throws ClientException {
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", KEY, SECRET));
        ListVpcEndpointsRequest request = overHttp();
        request.setSysEndpoint(simulator.hostAndPort());
        assertTrue(client.getAcsResponse(request).getEndpoints().isEmpty());
    }

    @Test
    void theProfileProtocolDoesNotOverrideTheRequestsHttps() {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", KEY, SECRET);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        client = new DefaultAcsClient(profile);
        client.setEndpointResolver(r -> simulator.hostAndPort());
        ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
        request.setSysConnectTimeout(300); // the TLS handshake with a plain-HTTP server hangs until a timeout
        request.setSysReadTimeout(300);
        ClientException e = assertThrows(ClientException.class, () -> client.getAcsResponse(request));
        assertEquals("SDK.ServerUnreachable", e.getErrCode(), e.getErrMsg());
        assertTrue(e.getErrMsg().contains("https://"), e.getErrMsg());
        assertEquals(0, simulator.callCount("ListVpcEndpoints"), "no RPC request reached the simulator");
    }
}
