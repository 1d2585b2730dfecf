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
        byName.put("AssumeRole", (caller, req, requestId) -> assumeRole(store, caller, req, requestId));
    }

    /** The STS actions served here; their errors take STS's shape, not EC2's. */
    static boolean isSts(String action) {
        return "GetCallerIdentity".equals(action) || "AssumeRole".equals(action);
    }

    /** STS AssumeRole (2011-06-15): temporary credentials of the role's account, valid an hour. */
    private static String assumeRole(Ec2Store store, Caller caller, QueryRequest req, String requestId) {
        String roleArn = req.string("RoleArn");
        String session = req.string("RoleSessionName");
        if (roleArn == null || session == null) {
            throw Ec2ApiError.missingParameter(roleArn == null ? "RoleArn" : "RoleSessionName");
        }
        String accessKeyId = store.assumeRole(caller.accountId(), roleArn);
        String roleAccount = roleArn.split(":")[4];
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::" + roleAccount + ":assumed-role/" + roleName + "/" + session
                + "</Arn><AssumedRoleId>AROASIMULATED:" + session + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>simulated-secret"
                + "</SecretAccessKey><SessionToken>simulated-session-" + accessKeyId + "</SessionToken><Expiration>"
                + java.time.Instant.now().plus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>" + requestId
                + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
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
