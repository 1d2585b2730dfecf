package io.dataflow.privatelink.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates requests for the whole API, valid ones and mutations of them: wrong types, missing and
 * unknown fields, truncated and random bodies, odd characters and lengths in every field, path
 * segments and query parameters, other methods and content types, bad tokens. Seeded: a failure
 * names the seed and index that reproduce it.
 */
final class ApiFuzzer {

    /** One generated request. {@code token} null: the caller's default token; "" no Authorization header. */
    record Request(String method, String path, String contentType, String body, String token) {
        boolean command() {
            return !method.equals("GET");
        }
    }

    private static final String[] ODD = {"", " ", "\u0000", "\t\n", "💥", "é", "../../etc/passwd", "%2F", "?", "#",
            "'; DROP TABLE connection; --", "<script>", "null", "true", "-1", "0", "1e309", "NaN",
            "plc-aaaaaaaaaaaaaaaaaaaaaaaaaa", "plc-", "plcd-x", "A".repeat(300), "\uD800"};
    private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT", "PATCH"};
    private static final String[] VERBS = {"", ":attachDomains", ":detachDomains", ":getAvailabilityZones",
            ":lookupHost", ":unknownVerb", "/history", "/x/y"};  // :watch streams for ever: TenancyTest covers it

    private final Random random;
    private final List<String> clusters;
    private final List<String> connections;
    private final String serviceName;

    ApiFuzzer(long seed, List<String> clusters, List<String> connections, String serviceName) {
        this.random = new Random(seed);
        this.clusters = clusters;
        this.connections = connections;
        this.serviceName = serviceName;
    }

    Request next() {
        return switch (random.nextInt(6)) {
            case 0 -> create();
            case 1 -> attach();
            case 2 -> detach();
            case 3 -> query();
            case 4 -> delete();
            default -> chaos();
        };
    }

    private Request create() {
        String body = """
                {"privateLinkConnection": {"displayName": %s, "type": %s, "awsEndpointService": {"name": %s, "region": %s}}}"""
                .formatted(value("\"fuzz\""), value("\"AWS_ENDPOINT_SERVICE\""), value("\"" + serviceName + "\""),
                        value("\"us-east-1\""));
        return new Request(method("POST"), base() + "/privateLinkConnections", type(), mutate(body), token());
    }

    private Request attach() {
        String body = "{\"attachDomain\": {\"type\": " + value("\"TIDBCLOUD_MANAGED\"") + ", \"uniqueName\": "
                + value("\"n1.us-east-1\"") + "}, \"validateOnly\": " + value("true") + "}";
        return new Request(method("POST"), base() + "/privateLinkConnections/" + connection() + ":attachDomains", type(),
                mutate(body), token());
    }

    private Request detach() {
        String body = "{\"attachDomainId\": " + value("\"plcd-aaaaaaaaaaaaaaaaaaaaaaaaaa\"") + "}";
        return new Request(method("POST"), base() + "/privateLinkConnections/" + connection() + ":detachDomains",
                type(), mutate(body), token());
    }

    private Request query() {
        String[] queries = {"", "?pageSize=" + pick(ODD), "?pageSize=" + random.nextInt(300), "?pageToken=" + pick(ODD),
                "?state=" + pick(ODD), "?state=ACTIVE", "?hostname=" + pick(ODD), "?pageToken=MjAyNnw%3D"};
        String path = base() + "/privateLinkConnections" + (random.nextBoolean() ? "/" + connection() : "")
                + pick(VERBS) + pick(queries);
        return new Request("GET", path, null, null, token());
    }

    private Request delete() {
        return new Request("DELETE", base() + "/privateLinkConnections/" + connection(), null, null, token());
    }

    private Request chaos() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        String body = random.nextBoolean() ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                : "[" + pick(ODD) + "]";
        return new Request(pick(METHODS), base() + "/privateLinkConnections" + pick(VERBS), type(), body, token());
    }

    /** The JSON value as given, or a mutation of it. */
    private String value(String valid) {
        return switch (random.nextInt(10)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> "[" + valid + "]";
            case 3 -> "{\"nested\": " + valid + "}";
            case 4 -> quote(pick(ODD));
            case 5 -> quote("x".repeat(random.nextInt(2000)));
            default -> valid;
        };
    }

    private String mutate(String body) {
        return switch (random.nextInt(8)) {
            case 0 -> body.substring(0, random.nextInt(body.length()));
            case 1 -> body.replaceFirst("\\{", "{\"unknownField\": 1, ");
            case 2 -> body.replace("\"", "'");
            case 3 -> "";
            default -> body;
        };
    }

    private String base() {
        return "/v1beta1/clusters/" + (random.nextInt(5) == 0 ? pick(ODD).replace("/", "") : pick(clusters));
    }

    private String connection() {
        return random.nextInt(3) == 0 ? pick(ODD).replace("/", "").replace("?", "").replace("#", "") : pick(connections);
    }

    private String method(String usual) {
        return random.nextInt(10) == 0 ? pick(METHODS) : usual;
    }

    private String type() {
        return random.nextInt(10) == 0 ? pick(new String[]{"text/plain", "application/xml", ""}) : "application/json";
    }

    private String token() {
        return switch (random.nextInt(20)) {
            case 0 -> "";
            case 1 -> "Bearer " + pick(ODD);
            case 2 -> "Basic dXNlcjpwYXNz";
            default -> null;
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int at = 0; at < s.length(); at++) {
            char c = s.charAt(at);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static List<Request> generate(long seed, int count, List<String> clusters, List<String> connections,
                                  String serviceName) {
        ApiFuzzer fuzzer = new ApiFuzzer(seed, clusters, connections, serviceName);
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(fuzzer.next());
        }
        return requests;
    }
}
