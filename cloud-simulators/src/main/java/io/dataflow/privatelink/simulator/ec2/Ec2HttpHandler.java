package io.dataflow.privatelink.simulator.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
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
    private final CallStats stats;
    private final FaultInjector faults;
    private final RateLimiter rateLimiter;
    private final String defaultRegion;

    Ec2HttpHandler(Ec2Store store, Ec2Actions actions, CallStats stats, FaultInjector faults,
                   RateLimiter rateLimiter, String defaultRegion) {
        this.store = store;
        this.actions = actions;
        this.stats = stats;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String action = null;
        int status = 200;
        String body;
        QueryRequest req;
        try {
            req = readRequest(exchange);
        } catch (IOException e) {
            exchange.close(); // the client went away mid-request; nobody to answer
            throw e;
        }
        try {
            action = req.string("Action");
            body = process(exchange, req, action, requestId);
        } catch (Ec2ApiError e) {
            if (e.code().equals("RequestLimitExceeded") && action != null) {
                stats.recordThrottle(action);
            }
            status = e.httpStatus();
            body = Ec2Xml.error(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "EC2 simulator failed on " + action, e);
            Ec2ApiError internal = Ec2ApiError.internalError();
            status = internal.httpStatus();
            body = Ec2Xml.error(internal.code(), internal.getMessage(), requestId);
        }
        send(exchange, status, body, requestId);
    }

    private String process(HttpExchange exchange, QueryRequest req, String action, String requestId) {
        if (action == null) {
            throw Ec2ApiError.badRequest("MissingAction", "The request must contain the parameter Action");
        }
        stats.recordCall(action);
        Caller caller = authenticate(exchange, req);
        Ec2Action handler = actions.find(action).orElseThrow(() -> Ec2ApiError.badRequest("InvalidAction",
                "The action " + action + " is not valid for this web service."));

        FaultInjector.Outcome fault = faults.onCall(action);
        sleep(fault.delay());
        if (fault.error() != null) {
            throw fault.error();
        }
        if (!rateLimiter.tryAcquire(caller, action)) {
            throw Ec2ApiError.requestLimitExceeded();
        }
        if (req.bool("DryRun", false)) {
            throw Ec2ApiError.dryRun();
        }
        return handler.handle(caller, req, requestId);
    }

    private static QueryRequest readRequest(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        QueryRequest.parseForm(exchange.getRequestURI().getRawQuery(), params);
        byte[] body = exchange.getRequestBody().readAllBytes();
        QueryRequest.parseForm(new String(body, StandardCharsets.UTF_8), params);
        return new QueryRequest(params);
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

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String requestId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("Server", "AmazonEC2");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
