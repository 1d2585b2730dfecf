package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.deploy.local.LocalStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A local stack started in the test JVM and what its tests speak to it with: the API as the demo user, EC2 as the customer. */
final class StackApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalStack stack;
    final Map<String, String> env;

    private StackApi(LocalStack stack, Map<String, String> env) {
        this.stack = stack;
        this.env = env;
    }

    /** A stack on free ports in {@code dataDir}, with {@code extra} launcher options. */
    static StackApi start(Path dataDir, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--cli-config", dataDir.resolve("plc-config.json").toString()));
        args.addAll(LocalStack.freePortOptions(replicasIn(extra)));
        args.addAll(LocalStack.LOAD_TEST_QUOTAS);
        args.addAll(extra);
        LocalStack stack = LocalStack.start(LocalStackIT.ROOT, args);
        return new StackApi(stack, readExports(dataDir.resolve("env.sh")));
    }

    private static int replicasIn(List<String> options) {
        int at = options.indexOf("--worker-replicas");
        return at < 0 ? 1 : Integer.parseInt(options.get(at + 1));
    }

    /** The demo AWS cluster's connections. */
    String awsConnections() {
        return env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
    }

    JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Every connection the list operation shows, page after page (one page holds 10 by default): their ids. */
    List<String> listAll(String url) throws Exception {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = get(url + "?pageSize=7" + (token == null ? ""
                    : "&pageToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)));
            page.path("privateLinkConnections").forEach(c -> ids.add(c.get("privateLinkConnectionId").asText()));
            token = page.hasNonNull("nextPageToken") && !page.get("nextPageToken").asText().isEmpty()
                    ? page.get("nextPageToken").asText() : null;
        } while (token != null);
        return ids;
    }

    HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(url)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a connection to the demo AWS service and returns its id. */
    String createAwsConnection(String name) throws Exception {
        HttpResponse<String> response = post(awsConnections(), """
                {"privateLinkConnection": {"displayName": "%s", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(name, env.get("PLC_AWS_SERVICE_NAME")), Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("privateLinkConnectionId").asText();
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + env.get("PLC_TOKEN"));
    }

    Ec2Client customerEc2() {
        return customerEc2(env);
    }

    /** EC2 as the demo customer, the owner of the demo endpoint services. */
    static Ec2Client customerEc2(Map<String, String> env) {
        return ec2As(env, env.get("PLC_AWS_CUSTOMER_ACCESS_KEY"));
    }

    /** EC2 as the platform account, where the workers make endpoints (another deployment could share it). */
    static Ec2Client platformEc2(Map<String, String> env) {
        return ec2As(env, env.get("PLC_AWS_PLATFORM_ACCESS_KEY"));
    }

    /** The simulator tells accounts apart by access key and checks no secret. */
    private static Ec2Client ec2As(Map<String, String> env, String accessKey) {
        return Ec2Client.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(env.get("PLC_EC2_ENDPOINT")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** The {@code export NAME='value'} lines of the stack's env.sh. */
    static Map<String, String> readExports(Path file) throws java.io.IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                int eq = assignment.indexOf('=');
                values.put(assignment.substring(0, eq), assignment.substring(eq + 1).replace("'", ""));
            }
        }
        return values;
    }
}
