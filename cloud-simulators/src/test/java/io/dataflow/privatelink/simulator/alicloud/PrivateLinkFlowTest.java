package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.privatelink.model.v20200415.AddUserToVpcEndpointServiceRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointResponse;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.DeleteVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.DisableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeRequest;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointConnectionsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointConnectionsResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointSecurityGroupsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointServicesByEndUserRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointServicesByEndUserResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointZonesRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointZonesResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.OTHER_UID;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.PLATFORM_UID;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.REGION;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.SG;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VPC;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VSW_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VSW_I;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VSW_J;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_I;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_J;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.zone;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's and the customer's sides of Alibaba Cloud PrivateLink, driven only through the real SDK. */
class PrivateLinkFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final AlicloudHarness h = AlicloudHarness.start();

    private List<ListVpcEndpointServicesByEndUserResponse.Service> servicesVisibleTo(
            DefaultAcsClient client, String serviceName) throws ClientException {
        ListVpcEndpointServicesByEndUserRequest request = new ListVpcEndpointServicesByEndUserRequest();
        request.setServiceName(serviceName);
        return call(client, request).getServices();
    }

    @Test
    void theWhitelistDecidesWhoSeesAService() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createService(false);
        assertEquals("com.aliyuncs.privatelink." + REGION + "." + service.getServiceId(), service.getServiceName());
        assertTrue(service.getServiceId().matches("epsrv-[a-z0-9]{20}"), service.getServiceId());
        assertEquals(false, service.getAutoAcceptEnabled());
        assertTrue(servicesVisibleTo(h.platform, service.getServiceName()).isEmpty(), "not whitelisted yet");

        AddUserToVpcEndpointServiceRequest add = new AddUserToVpcEndpointServiceRequest();
        add.setServiceId(service.getServiceId());
        add.setUserId(Long.valueOf(PLATFORM_UID));
        call(h.owner, add);

        List<ListVpcEndpointServicesByEndUserResponse.Service> visible =
                servicesVisibleTo(h.platform, service.getServiceName());
        assertEquals(1, visible.size());
        ListVpcEndpointServicesByEndUserResponse.Service seen = visible.get(0);
        assertEquals(service.getServiceId(), seen.getServiceId());
        assertEquals(service.getServiceDomain(), seen.getServiceDomain());
        assertEquals(List.of(ZONE_H, ZONE_I), seen.getZones());
        assertEquals("Interface", seen.getServiceType());

        ListVpcEndpointServicesByEndUserRequest byId = new ListVpcEndpointServicesByEndUserRequest();
        byId.setServiceId(service.getServiceId());
        assertEquals(1, call(h.platform, byId).getServices().size());
        assertTrue(servicesVisibleTo(h.other, service.getServiceName()).isEmpty(), "only whitelisted UIDs see it");
        assertTrue(servicesVisibleTo(h.platform, null).stream()
                .allMatch(s -> s.getServiceId().equals(service.getServiceId())));

        // Creating against a service one may not see fails as if it did not exist.
        ClientException hidden = assertThrows(ClientException.class, () -> {
            CreateVpcEndpointRequest request = new CreateVpcEndpointRequest();
            request.setServiceId(service.getServiceId());
            request.setVpcId("vpc-other");
            request.setSecurityGroupIds(List.of("sg-other"));
            call(h.other, request);
        });
        assertEquals("EndpointServiceNotFound", hidden.getErrCode());
    }

    @Test
    void createReturnsTheEndpointCreatingAndAClientTokenReplayReturnsTheSameOne() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        CreateVpcEndpointResponse first = h.createEndpoint(service.getServiceName(), r -> {
            r.setClientToken("plc-0123456789abcdef");
            r.setEndpointName("plc-0123456789abcdef");
            r.setEndpointDescription("dataflow private link connection plc-0123456789abcdef");
        });
        assertTrue(first.getEndpointId().matches("ep-[a-z0-9]{20}"), first.getEndpointId());
        assertEquals("Creating", first.getEndpointStatus());
        assertEquals("Disconnected", first.getConnectionStatus());
        assertEquals(first.getEndpointId() + "." + service.getServiceId() + "." + REGION + ".privatelink.aliyuncs.com",
                first.getEndpointDomain());
        assertEquals(service.getServiceId(), first.getServiceId());
        assertEquals(VPC, first.getVpcId());
        assertEquals("plc-0123456789abcdef", first.getEndpointName());
        assertNotNull(first.getCreateTime());

        CreateVpcEndpointResponse replay = h.createEndpoint(service.getServiceName(), r -> {
            r.setClientToken("plc-0123456789abcdef");
            r.setEndpointName("plc-0123456789abcdef");
            r.setEndpointDescription("dataflow private link connection plc-0123456789abcdef");
        });
        assertEquals(first.getEndpointId(), replay.getEndpointId());
        assertEquals(1, call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().size());

        ClientException mismatch = assertThrows(ClientException.class, () -> h.createEndpoint(
                service.getServiceName(), r -> {
                    r.setClientToken("plc-0123456789abcdef");
                    r.setEndpointName("another-name");
                }));
        assertEquals("IdempotenceParamNotMatch", mismatch.getErrCode());
        assertEquals(3, h.simulator.callCount("CreateVpcEndpoint"));
    }

    @Test
    void ownerAcceptsThenRejectsAConnection() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        String id = h.createEndpoint(service.getServiceName(), r -> r.setZones(List.of(zone(ZONE_H, VSW_H),
                zone(ZONE_I, VSW_I)))).getEndpointId();
        await().atMost(WAIT).until(() -> h.statusOf(id).equals("Active/Pending"));

        ListVpcEndpointConnectionsRequest list = new ListVpcEndpointConnectionsRequest();
        list.setServiceId(service.getServiceId());
        list.setConnectionStatus("Pending");
        ListVpcEndpointConnectionsResponse pending = call(h.owner, list);
        assertEquals(1, pending.getConnections().size());
        ListVpcEndpointConnectionsResponse.Connection connection = pending.getConnections().get(0);
        assertEquals(id, connection.getEndpointId());
        assertEquals(Long.valueOf(PLATFORM_UID), connection.getEndpointOwnerId());
        assertEquals(VPC, connection.getEndpointVpcId());
        assertEquals(2, connection.getZones().size());

        EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
        enable.setServiceId(service.getServiceId());
        enable.setEndpointId(id);
        call(h.owner, enable);
        assertEquals("Active/Connecting", h.statusOf(id));
        await().atMost(WAIT).until(() -> h.statusOf(id).equals("Active/Connected"));
        call(h.owner, enable); // accepting again changes nothing

        DisableVpcEndpointConnectionRequest disable = new DisableVpcEndpointConnectionRequest();
        disable.setServiceId(service.getServiceId());
        disable.setEndpointId(id);
        call(h.owner, disable);
        assertEquals("Active/Disconnecting", h.statusOf(id));
        await().atMost(WAIT).until(() -> h.statusOf(id).equals("Active/Disconnected"));

        // The platform cannot accept its own connection: the service is not its.
        ClientException notOwner = assertThrows(ClientException.class, () -> call(h.platform, enable));
        assertEquals("EndpointServiceNotFound", notOwner.getErrCode());
    }

    @Test
    void autoAcceptServicesConnectByThemselves() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(true);
        String id = h.createEndpoint(service.getServiceName()).getEndpointId();
        await().atMost(WAIT).until(() -> h.statusOf(id).equals("Active/Connected"));
        GetVpcEndpointAttributeResponse ep = h.describe(id);
        assertEquals(service.getServiceName(), ep.getServiceName());
        assertEquals(REGION, ep.getRegionId());
        assertEquals(false, ep.getResourceOwner());
    }

    @Test
    void zonesAndSecurityGroupsAreListedSeparately() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        String id = h.createEndpoint(service.getServiceName(), r -> {
            r.setZones(List.of(zone(ZONE_H, VSW_H), zone(ZONE_I, VSW_I)));
            r.setSecurityGroupIds(List.of(SG, "sg-bp1second00000000002"));
        }).getEndpointId();

        ListVpcEndpointZonesRequest zonesRequest = new ListVpcEndpointZonesRequest();
        zonesRequest.setEndpointId(id);
        ListVpcEndpointZonesResponse zones = call(h.platform, zonesRequest);
        assertEquals(List.of(ZONE_H, ZONE_I), zones.getZones().stream().map(ListVpcEndpointZonesResponse.Zone::getZoneId).toList());
        assertEquals(List.of(VSW_H, VSW_I), zones.getZones().stream().map(ListVpcEndpointZonesResponse.Zone::getVSwitchId).toList());
        assertEquals(id + "-" + ZONE_H + "." + service.getServiceId() + "." + REGION + ".privatelink.aliyuncs.com",
                zones.getZones().get(0).getZoneDomain());
        assertEquals("Creating", zones.getZones().get(0).getZoneStatus());

        ListVpcEndpointSecurityGroupsRequest groups = new ListVpcEndpointSecurityGroupsRequest();
        groups.setEndpointId(id);
        assertEquals(2, call(h.platform, groups).getSecurityGroups().size());

        ClientException unsupported = assertThrows(ClientException.class, () -> h.createEndpoint(
                service.getServiceName(), r -> r.setZones(List.of(zone(ZONE_J, VSW_J)))));
        assertEquals("IllegalParam.ZoneId", unsupported.getErrCode());
        ClientException unknownVSwitch = assertThrows(ClientException.class, () -> h.createEndpoint(
                service.getServiceName(), r -> r.setZones(List.of(zone(ZONE_H, "vsw-nope")))));
        assertEquals("ResourceNotFound.VSwitch", unknownVSwitch.getErrCode());
        ClientException noGroup = assertThrows(ClientException.class, () -> {
            CreateVpcEndpointRequest request = new CreateVpcEndpointRequest();
            request.setServiceId(service.getServiceId());
            request.setVpcId(VPC);
            call(h.platform, request);
        });
        assertEquals("MissingSecurityGroupId", noGroup.getErrCode());
    }

    @Test
    void deletedEndpointsGoAwayAndDeletingAnUnknownOneIsNotFound() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(true);
        String id = h.createEndpoint(service.getServiceName()).getEndpointId();
        DeleteVpcEndpointRequest delete = new DeleteVpcEndpointRequest();
        delete.setEndpointId(id);
        assertNotNull(call(h.platform, delete).getRequestId());

        await().atMost(WAIT).until(() -> call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());
        ClientException gone = assertThrows(ClientException.class, () -> h.describe(id));
        assertEquals("EndpointNotFound", gone.getErrCode());
        assertFalse(gone instanceof ServerException, "not-found is a client error (HTTP 400)");

        ClientException unknown = assertThrows(ClientException.class, () -> call(h.platform, delete));
        assertEquals("EndpointNotFound", unknown.getErrCode());
        assertNotNull(unknown.getRequestId());
        assertTrue(unknown.getErrMsg().contains(id), unknown.getErrMsg());
    }

    @Test
    void dryRunValidatesButChangesNothing() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        ClientException dryRun = assertThrows(ClientException.class, () -> h.createEndpoint(
                service.getServiceName(), r -> {
                    r.setDryRun(true);
                    r.setClientToken("dry-token");
                }));
        assertEquals("DryRunOperation", dryRun.getErrCode());
        assertTrue(call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());

        ClientException invalid = assertThrows(ClientException.class, () -> h.createEndpoint(
                "com.aliyuncs.privatelink." + REGION + ".epsrv-doesnotexist0000000", r -> r.setDryRun(true)));
        assertEquals("EndpointServiceNotFound", invalid.getErrCode());

        // The token of a dry run is not used up.
        String id = h.createEndpoint(service.getServiceName(), r -> r.setClientToken("dry-token")).getEndpointId();
        DeleteVpcEndpointRequest delete = new DeleteVpcEndpointRequest();
        delete.setEndpointId(id);
        delete.setDryRun(true);
        assertEquals("DryRunOperation", assertThrows(ClientException.class, () -> call(h.platform, delete)).getErrCode());
        assertEquals("Creating", h.describe(id).getEndpointStatus());
    }

    @Test
    void otherAccountsDoNotSeeTheEndpoint() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        h.simulator.addUserToService(service.getServiceId(), OTHER_UID);
        String id = h.createEndpoint(service.getServiceName()).getEndpointId();
        assertTrue(call(h.other, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());
        GetVpcEndpointAttributeRequest get = new GetVpcEndpointAttributeRequest();
        get.setEndpointId(id);
        assertEquals("EndpointNotFound", assertThrows(ClientException.class, () -> call(h.other, get)).getErrCode());
        assertNull(call(h.platform, new ListVpcEndpointsRequest()).getNextToken());
    }
}
