package io.dataflow.privatelink.simulator.ec2;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The simulated EC2 actions by name: the consumer (platform) side and the service-owner side. */
final class Ec2Actions {

    private final Map<String, Ec2Action> byName = new TreeMap<>();

    Ec2Actions(Ec2Store store) {
        new EndpointActions(store).register(byName);
        new ServiceOwnerActions(store).register(byName);
        byName.put("DescribeAvailabilityZones", new ZoneActions(store)::describeAvailabilityZones);
        // STS on the same port (the Query protocol too): who the caller's credentials belong to
        byName.put("GetCallerIdentity", Ec2Actions::getCallerIdentity);
    }

    /** STS GetCallerIdentity (2011-06-15): the account of the access key the request was signed with. */
    private static String getCallerIdentity(Caller caller, QueryRequest req, String requestId) {
        return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::" + caller.accountId() + ":user/simulated</Arn>"
                + "<UserId>AIDASIMULATED" + caller.accountId() + "</UserId><Account>" + caller.accountId()
                + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>" + requestId
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    }

    Optional<Ec2Action> find(String action) {
        return Optional.ofNullable(byName.get(action));
    }

    /** Rate bucket an action draws from, named as in EC2's throttling docs. */
    static String bucketOf(String action) {
        if (action.startsWith("Describe") || action.startsWith("Get")) {
            return "describe";
        }
        if (action.equals("CreateVpcEndpoint") || action.equals("DeleteVpcEndpoints")) {
            return "vpc-endpoint-mutation";
        }
        return "mutating";
    }
}
