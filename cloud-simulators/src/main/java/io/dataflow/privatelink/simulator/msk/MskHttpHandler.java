package io.dataflow.privatelink.simulator.msk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Page;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorOperations;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Amazon MSK API (REST JSON, {@code /v1/…} and {@code /api/v2/…}) as the AWS SDK's {@code kafka} client calls
 * it. Per request: route by method and path to an operation (ARNs are path segments the SDK percent-encodes,
 * slashes included, so the raw path is split before decoding), count it, identify the account from the SigV4
 * access key and the region from its credential scope, apply injected faults and the account-and-region's MSK
 * rate bucket, then run it. Errors are MSK's: the HTTP status, {@code x-amzn-ErrorType} (what the SDK maps to
 * its exception) and {@code {"message":…,"invalidParameter":…}}.
 *
 * <pre>
 * GET    /api/v2/clusters/{clusterArn}                     DescribeClusterV2
 * GET    /v1/clusters/{clusterArn}                         DescribeCluster (provisioned clusters only)
 * GET    /v1/clusters/{clusterArn}/bootstrap-brokers       GetBootstrapBrokers
 * GET    /v1/clusters/{clusterArn}/policy                  GetClusterPolicy
 * PUT    /v1/clusters/{clusterArn}/policy                  PutClusterPolicy
 * DELETE /v1/clusters/{clusterArn}/policy                  DeleteClusterPolicy
 * PUT    /v1/clusters/{clusterArn}/connectivity            UpdateConnectivity
 * GET    /v1/clusters/{clusterArn}/client-vpc-connections  ListClientVpcConnections
 * PUT    /v1/clusters/{clusterArn}/client-vpc-connection   RejectClientVpcConnection
 * POST   /v1/vpc-connection                                CreateVpcConnection
 * GET    /v1/vpc-connection/{arn}                          DescribeVpcConnection
 * DELETE /v1/vpc-connection/{arn}                          DeleteVpcConnection
 * GET    /v1/vpc-connections                               ListVpcConnections
 * GET    /v1/tags/{resourceArn}                            ListTagsForResource
 * </pre>
 */
public final class MskHttpHandler implements HttpHandler {

    /** The path prefixes MSK's operations live under; the server routes both here. */
    public static final List<String> PREFIXES = List.of("/v1/", "/api/v2/");

    private static final System.Logger LOG = System.getLogger(MskHttpHandler.class.getName());
    // "AKID/20240501/us-east-1/kafka/aws4_request" inside "Credential=…"
    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([A-Za-z0-9]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");
    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 100;

    private final MskStore store;
    private final SimulatorOperations operations;
    private final Function<String, Optional<String>> accountForAccessKey;
    private final RateBucketSpec bucket;

    /**
     * @param accountForAccessKey the account an access key belongs to (the EC2 simulator's accounts)
     * @param bucket              every MSK operation's rate bucket, per account and region
     */
    public MskHttpHandler(MskStore store, SimulatorOperations operations,
                          Function<String, Optional<String>> accountForAccessKey, RateBucketSpec bucket) {
        this.store = store;
        this.operations = operations;
        this.accountForAccessKey = accountForAccessKey;
        this.bucket = bucket;
    }

    /** One routed request: its operation, the ARN its path names (null when none), and its query. */
    private record Call(String operation, String arn, Map<String, String> query) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(Map.of("x-amzn-RequestId", requestId));
        int status = 200;
        JsonNode response;
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            response = process(exchange, method, path, body);
        } catch (MskApiError e) {
            status = e.httpStatus();
            headers.put("x-amzn-ErrorType", e.code());
            response = MskJson.error(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "MSK simulator failed on " + method + " " + path, e);
            MskApiError internal = MskApiError.internal();
            status = internal.httpStatus();
            headers.put("x-amzn-ErrorType", internal.code());
            response = MskJson.error(internal);
        }
        SimulatorHttpServer.send(exchange, status, "application/json",
                response.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    private JsonNode process(HttpExchange exchange, String method, String rawPath, byte[] body) {
        Call call = route(method, rawPath, exchange);
        operations.recordCall(call.operation());
        CallingAccount caller = authenticate(exchange);
        operations.admit(call.operation(), caller.accountId() + "|" + caller.region() + "|msk", bucket,
                MskApiError::of);
        return run(caller, call, MskJson.body(body));
    }

    /** The operation a method and path name; 404 {@code UnknownOperationException} for any other. */
    private static Call route(String method, String rawPath, HttpExchange exchange) {
        List<String> segments = Arrays.stream(rawPath.substring(1).split("/", -1))
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        // The ARN is the segment after "clusters", "vpc-connection" or "tags": /api/v2/clusters/{arn}, /v1/…/{arn}.
        int arnAt = segments.get(0).equals("api") ? 3 : 2;
        String arn = segments.size() > arnAt ? segments.get(arnAt) : null;
        StringBuilder shape = new StringBuilder(method).append(' ');
        for (int i = 0; i < segments.size(); i++) {
            shape.append('/').append(i == arnAt ? "{arn}" : segments.get(i));
        }
        String operation = switch (shape.toString()) {
            case "GET /api/v2/clusters/{arn}" -> "DescribeClusterV2";
            case "GET /v1/clusters/{arn}" -> "DescribeCluster";
            case "GET /v1/clusters/{arn}/bootstrap-brokers" -> "GetBootstrapBrokers";
            case "GET /v1/clusters/{arn}/policy" -> "GetClusterPolicy";
            case "PUT /v1/clusters/{arn}/policy" -> "PutClusterPolicy";
            case "DELETE /v1/clusters/{arn}/policy" -> "DeleteClusterPolicy";
            case "PUT /v1/clusters/{arn}/connectivity" -> "UpdateConnectivity";
            case "GET /v1/clusters/{arn}/client-vpc-connections" -> "ListClientVpcConnections";
            case "PUT /v1/clusters/{arn}/client-vpc-connection" -> "RejectClientVpcConnection";
            case "POST /v1/vpc-connection" -> "CreateVpcConnection";
            case "GET /v1/vpc-connection/{arn}" -> "DescribeVpcConnection";
            case "DELETE /v1/vpc-connection/{arn}" -> "DeleteVpcConnection";
            case "GET /v1/vpc-connections" -> "ListVpcConnections";
            case "GET /v1/tags/{arn}" -> "ListTagsForResource";
            default -> null;
        };
        if (operation == null) {
            throw new MskApiError(404, "UnknownOperationException", "No MSK operation at " + method + " " + rawPath,
                    null);
        }
        return new Call(operation, arn, SimulatorHttpServer.queryParams(exchange));
    }

    private JsonNode run(CallingAccount caller, Call call, JsonNode body) {
        String arn = call.arn();
        ObjectNode out = MskJson.JSON.createObjectNode();
        switch (call.operation()) {
            case "DescribeClusterV2" -> out.set("clusterInfo",
                    MskJson.clusterInfo(store.cluster(caller, arn, "DescribeClusterV2")));
            case "DescribeCluster" -> {
                MskCluster cluster = store.cluster(caller, arn, "DescribeCluster");
                if (cluster.serverless()) {
                    throw MskApiError.badRequest("clusterArn", "DescribeCluster does not support serverless clusters: "
                            + "use DescribeClusterV2.");
                }
                out.set("clusterInfo", MskJson.clusterInfoV1(cluster));
            }
            case "GetBootstrapBrokers" -> out = MskJson.bootstrapBrokers(store.cluster(caller, arn, "GetBootstrapBrokers"));
            case "GetClusterPolicy" -> {
                MskCluster cluster = store.clusterWithPolicy(caller, arn);
                out.put("currentVersion", cluster.policyVersion()).put("policy", cluster.policy());
            }
            case "PutClusterPolicy" -> out.put("currentVersion", store.putPolicy(caller, arn,
                    MskJson.required(body, "policy"), MskJson.optional(body, "currentVersion")));
            case "DeleteClusterPolicy" -> store.deletePolicy(caller, arn);
            case "UpdateConnectivity" -> {
                String version = MskJson.required(body, "currentVersion");
                if (!body.path("connectivityInfo").isObject()) {
                    throw MskApiError.missing("connectivityInfo");
                }
                MskCluster updated = store.updateConnectivity(caller, arn, version, MskJson.multiVpcSchemes(body));
                out.put("clusterArn", updated.arn()).put("clusterOperationArn", "arn:aws:kafka:" + updated.region() + ":"
                        + updated.ownerId() + ":cluster-operation/" + updated.name() + "/"
                        + updated.arn().substring(updated.arn().lastIndexOf('/') + 1) + "/" + UUID.randomUUID());
            }
            case "CreateVpcConnection" -> out = MskJson.created(store.createConnection(caller, newConnection(body)));
            case "DescribeVpcConnection" -> out = MskJson.described(store.ownedConnection(caller, arn));
            case "DeleteVpcConnection" -> {
                MskVpcConnection deleting = store.deleteConnection(caller, arn);
                out.put("vpcConnectionArn", deleting.arn()).put("state", deleting.state().name());
            }
            case "ListVpcConnections" -> out = page(store.ownedConnections(caller), call.query(), "vpcConnections",
                    MskJson::summary);
            case "ListClientVpcConnections" -> out = page(store.clientConnections(caller, arn), call.query(),
                    "clientVpcConnections", MskJson::clientConnection);
            case "RejectClientVpcConnection" -> store.reject(caller, arn, MskJson.required(body, "vpcConnectionArn"));
            case "ListTagsForResource" -> MskJson.tags(out.putObject("tags"), store.tags(caller, arn));
            default -> throw new IllegalStateException("routed but not served: " + call.operation());
        }
        return out;
    }

    private static MskStore.NewConnection newConnection(JsonNode body) {
        String target = MskJson.required(body, "targetClusterArn");
        String authentication = MskJson.required(body, "authentication");
        MskAuthentication scheme = MskAuthentication.fromWire(authentication).orElseThrow(() ->
                MskApiError.badRequest("authentication", "The authentication " + authentication
                        + " is not valid: use SASL_SCRAM, SASL_IAM or TLS."));
        return new MskStore.NewConnection(target, scheme, MskJson.required(body, "vpcId"),
                MskJson.requiredList(body, "clientSubnets"), MskJson.requiredList(body, "securityGroups"),
                MskJson.stringMap(body, "tags"));
    }

    /** One page ({@code maxResults}, 1–100, default 10; {@code nextToken}) of {@code items} under {@code member}. */
    private static ObjectNode page(List<MskVpcConnection> items, Map<String, String> query, String member,
                                   Function<MskVpcConnection, ObjectNode> render) {
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("maxResults", String.valueOf(DEFAULT_PAGE)));
        } catch (NumberFormatException e) {
            throw MskApiError.badRequest("maxResults", "maxResults must be a number.");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw MskApiError.badRequest("maxResults", "maxResults must be between 1 and " + MAX_PAGE + ".");
        }
        ToLongFunction<MskVpcConnection> seq = MskVpcConnection::seq;
        Page<MskVpcConnection> page = Page.of(items, seq, limit, query.get("nextToken"),
                () -> MskApiError.badRequest("nextToken", "The nextToken is not valid."));
        ObjectNode out = MskJson.JSON.createObjectNode();
        ArrayNode array = out.putArray(member);
        page.items().forEach(c -> array.add(render.apply(c)));
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    /**
     * The account is the one registered for the SigV4 access key (signatures are not checked); the region is
     * the credential scope's, which is also what decides where a real request lands.
     */
    private CallingAccount authenticate(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = authorization == null ? null : CREDENTIAL.matcher(authorization);
        if (m == null || !m.find()) {
            throw new MskApiError(403, "MissingAuthenticationTokenException", "Missing Authentication Token", null);
        }
        String accountId = accountForAccessKey.apply(m.group(1)).orElseThrow(() -> new MskApiError(403,
                "UnrecognizedClientException", "The security token included in the request is invalid.", null));
        return new CallingAccount(accountId, m.group(3));
    }
}
