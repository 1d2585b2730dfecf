package io.dataflow.privatelink.simulator.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
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
    private final Ec2SimulatorConfig config;

    Ec2HttpHandler(Ec2Store store, SimulatorOperations operations, Ec2SimulatorConfig config) {
        this.store = store;
        this.actions = new Ec2Actions(store);
        this.operations = operations;
        this.config = config;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        QueryRequest req = new QueryRequest(SimulatorHttpServer.readParams(exchange));
        String action = req.string("Action");
        int status = 200;
        String body;
        try {
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
        SimulatorHttpServer.send(exchange, status, "text/xml;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8),
                Map.of("x-amzn-RequestId", requestId, "Server", "AmazonEC2"));
    }

    private String process(HttpExchange exchange, QueryRequest req, String action, String requestId) {
        if (action == null) {
            throw Ec2ApiError.badRequest("MissingAction", "The request must contain the parameter Action");
        }
        operations.recordCall(action);
        CallingAccount caller = authenticate(exchange, req);
        Ec2Actions.Action handler = actions.find(action).orElseThrow(() -> Ec2ApiError.badRequest("InvalidAction",
                "The action " + action + " is not valid for this web service."));
        String bucket = Ec2SimulatorConfig.bucketOf(action);
        operations.admit(action, caller.accountId() + "|" + caller.region() + "|" + bucket, config.rateBucket(bucket),
                Ec2ApiError::of);
        if (req.bool("DryRun", false)) {
            throw Ec2ApiError.dryRun();
        }
        return handler.handle(caller, req, requestId);
    }

    /**
     * The account is the one registered for the access key; signatures are not checked. The region is the
     * SigV4 scope's, which is also what decides where a real request lands.
     */
    private CallingAccount authenticate(HttpExchange exchange, QueryRequest req) {
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
            throw new Ec2ApiError(401, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        String accountId = store.accessKey(accessKey).orElseThrow(() -> new Ec2ApiError(401, "AuthFailure",
                "AWS was not able to validate the provided access credentials")).accountId();
        return new CallingAccount(accountId, region != null ? region : config.defaultRegion());
    }
}
