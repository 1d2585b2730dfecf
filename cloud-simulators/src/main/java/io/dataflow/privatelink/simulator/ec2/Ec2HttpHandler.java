package io.dataflow.privatelink.simulator.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.HttpExchanges;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.SimulatorOperations;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EC2 Query endpoint: form parameters in (POST body and/or query string), XML out. Per request:
 * count the call, identify the caller from its SigV4 credential scope, apply injected faults and rate
 * buckets, then run the action. Any {@link Ec2ApiError} becomes EC2's error document.
 */
final class Ec2HttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Ec2HttpHandler.class.getName());
    // "AKID/20240501/us-east-1/ec2/aws4_request", inside "Credential=…" or an X-Amz-Credential parameter.
    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("([A-Za-z0-9]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

    private final Ec2Store store;
    private final Ec2Actions actions;
    private final SimulatorOperations operations;
    private final Map<String, RateBucketSpec> buckets;
    private final String defaultRegion;

    Ec2HttpHandler(Ec2Store store, Ec2Actions actions, SimulatorOperations operations, Ec2SimulatorConfig config) {
        this.store = store;
        this.actions = actions;
        this.operations = operations;
        this.buckets = Map.of(
                "describe", config.describeBucket(),
                "vpc-endpoint-mutation", config.endpointMutationBucket(),
                "mutating", config.mutatingBucket());
        this.defaultRegion = config.defaultRegion();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String action = null;
        int status = 200;
        String body;
        QueryRequest req = new QueryRequest(HttpExchanges.readParams(exchange));
        try {
            action = req.string("Action");
            body = process(exchange, req, action, requestId);
        } catch (Ec2ApiError e) {
            status = e.httpStatus();
            body = Ec2Actions.isSts(action) ? Ec2Xml.stsError(e.code(), e.getMessage(), requestId)
                    : Ec2Xml.error(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "EC2 simulator failed on " + action, e);
            Ec2ApiError internal = Ec2ApiError.internalError();
            status = internal.httpStatus();
            body = Ec2Xml.error(internal.code(), internal.getMessage(), requestId);
        }
        HttpExchanges.send(exchange, status, "text/xml;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8),
                Map.of("x-amzn-RequestId", requestId, "Server", "AmazonEC2"));
    }

    private String process(HttpExchange exchange, QueryRequest req, String action, String requestId) {
        if (action == null) {
            throw Ec2ApiError.badRequest("MissingAction", "The request must contain the parameter Action");
        }
        operations.recordCall(action);
        Caller caller = authenticate(exchange, req);
        Ec2Action handler = actions.find(action).orElseThrow(() -> Ec2ApiError.badRequest("InvalidAction",
                "The action " + action + " is not valid for this web service."));

        String bucket = Ec2Actions.bucketOf(action);
        FaultSpec.Kind fault = operations.admit(action,
                caller.accountId() + "|" + caller.region() + "|" + bucket, buckets.get(bucket));
        if (fault != null) {
            throw switch (fault) {
                case THROTTLE -> Ec2ApiError.requestLimitExceeded();
                case SERVICE_UNAVAILABLE -> Ec2ApiError.unavailable();
                default -> Ec2ApiError.internalError();
            };
        }
        if (req.bool("DryRun", false)) {
            throw Ec2ApiError.dryRun();
        }
        return handler.handle(caller, req, requestId);
    }

    /**
     * The account is the one registered for the access key; signatures are not checked. The region is the
     * SigV4 scope's, which is also what decides where a real request lands.
     */
    private Caller authenticate(HttpExchange exchange, QueryRequest req) {
        String accessKey = null;
        String region = null;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String scope = authorization != null ? authorization : req.string("X-Amz-Credential");
        if (scope != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(scope);
            if (m.find()) {
                accessKey = m.group(1);
                region = m.group(3);
            }
        }
        if (accessKey == null) {
            accessKey = req.string("AWSAccessKeyId"); // curl convenience
        }
        if (accessKey == null) {
            throw Ec2ApiError.missingAuthentication();
        }
        String accountId = store.accountForAccessKey(accessKey).orElseThrow(Ec2ApiError::authFailure);
        return new Caller(accountId, region != null ? region : defaultRegion);
    }
}
