package io.dataflow.privatelink.simulator.route53;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorOperations;
import io.dataflow.privatelink.simulator.common.XmlWriter;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Route 53 REST-XML endpoint ({@code /2013-04-01/…}). Per request: route by method and path to an
 * action, count it, identify the account from the SigV4 access key, apply injected faults and the
 * account's rate bucket (five requests per second), then run it. Errors are Route 53's
 * {@code <ErrorResponse>}.
 */
public final class Route53HttpHandler implements HttpHandler {

    public static final String PREFIX = "/2013-04-01";

    private static final System.Logger LOG = System.getLogger(Route53HttpHandler.class.getName());
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([A-Za-z0-9]+)/");
    private static final int MAX_ITEMS = 100;
    private static final int MAX_RECORDS = 300;

    private final Route53Store store;
    private final SimulatorOperations operations;
    private final Function<String, Optional<String>> accountForAccessKey;
    private final RateBucketSpec bucket;

    public Route53HttpHandler(Route53Store store, SimulatorOperations operations,
                              Function<String, Optional<String>> accountForAccessKey, RateBucketSpec bucket) {
        this.store = store;
        this.operations = operations;
        this.accountForAccessKey = accountForAccessKey;
        this.bucket = bucket;
    }

    private record Response(int status, String xml) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>(Map.of("x-amzn-RequestId", requestId));
        Response response;
        try {
            response = route(exchange, method, path, body, headers);
        } catch (Route53ApiError e) {
            response = new Response(e.httpStatus(), Route53Xml.error(e.code(), e.getMessage(), requestId));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Route 53 simulator failed on " + method + " " + path, e);
            Route53ApiError internal = Route53ApiError.internalFailure();
            response = new Response(500, Route53Xml.error(internal.code(), internal.getMessage(), requestId));
        }
        SimulatorHttpServer.send(exchange, response.status(), "text/xml", response.xml().getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private Response route(HttpExchange exchange, String method, String path, byte[] body,
                           Map<String, String> headers) {
        String[] parts = path.substring(1).split("/", -1);
        String action = switch (method + " " + parts[0] + (parts.length > 2 ? "/" + parts[2] : "")) {
            case "POST hostedzone" -> parts.length == 1 ? "CreateHostedZone" : null;
            case "GET hostedzone" -> parts.length == 2 ? "GetHostedZone" : "ListHostedZones";
            case "DELETE hostedzone" -> "DeleteHostedZone";
            case "POST hostedzone/rrset" -> "ChangeResourceRecordSets";
            case "GET hostedzone/rrset" -> "ListResourceRecordSets";
            case "GET hostedzonesbyname" -> "ListHostedZonesByName";
            case "GET change" -> "GetChange";
            default -> null;
        };
        if (action == null) {
            throw new Route53ApiError(404, "UnknownOperationException", "No operation at " + method + " " + path);
        }
        operations.recordCall(action);
        String accountId = authenticate(exchange);
        operations.admit(action, accountId + "|route53", bucket, Route53ApiError::of);
        String id = parts.length > 1 ? parts[1] : null;
        Map<String, String> query = SimulatorHttpServer.queryParams(exchange);
        return switch (action) {
            case "CreateHostedZone" -> createHostedZone(accountId, Route53Xml.parse(body), headers);
            case "GetHostedZone" -> getHostedZone(accountId, id);
            case "DeleteHostedZone" -> {
                store.delete(accountId, id);
                yield ok(changed(Route53Xml.document("DeleteHostedZoneResponse"), store.submitChange()));
            }
            case "ChangeResourceRecordSets" -> changeRecordSets(accountId, id, Route53Xml.parse(body));
            case "ListResourceRecordSets" -> listRecordSets(accountId, id, query);
            case "ListHostedZonesByName" -> listByName(accountId, query);
            case "GetChange" -> ok(changed(Route53Xml.document("GetChangeResponse"), id));
            default -> throw new Route53ApiError(400, "InvalidAction", action + " is not simulated");
        };
    }

    private Response createHostedZone(String accountId, Element request, Map<String, String> headers) {
        String name = Route53Xml.text(request, "Name");
        String reference = Route53Xml.text(request, "CallerReference");
        if (name == null || reference == null) {
            throw Route53ApiError.invalidInput("Name and CallerReference are required.");
        }
        Element vpcElement = Route53Xml.child(request, "VPC");
        HostedZone.Vpc vpc = vpcElement == null ? null
                : new HostedZone.Vpc(Route53Xml.text(vpcElement, "VPCRegion"), Route53Xml.text(vpcElement, "VPCId"));
        Element config = Route53Xml.child(request, "HostedZoneConfig");
        boolean privateZone = vpc != null || (config != null && "true".equals(Route53Xml.text(config, "PrivateZone")));
        String comment = config == null ? null : Route53Xml.text(config, "Comment");
        HostedZone zone = store.create(accountId, name, reference, comment, privateZone, vpc);
        headers.put("Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/" + zone.id);
        XmlWriter x = changed(Route53Xml.hostedZone(Route53Xml.document("CreateHostedZoneResponse"), zone),
                store.submitChange());
        if (vpc != null) {
            Route53Xml.vpc(x, vpc);
        }
        return new Response(201, x.finish());
    }

    private Response getHostedZone(String accountId, String id) {
        HostedZone zone = store.get(accountId, id);
        XmlWriter x = Route53Xml.hostedZone(Route53Xml.document("GetHostedZoneResponse"), zone);
        if (zone.privateZone) {
            x.start("VPCs");
            zone.vpcs.forEach(vpc -> Route53Xml.vpc(x, vpc));
            x.end();
        }
        return ok(x);
    }

    private Response changeRecordSets(String accountId, String zoneId, Element request) {
        List<Route53Store.Change> batch = Route53Xml.all(request, "Change").stream().map(change -> {
            Element set = Route53Xml.child(change, "ResourceRecordSet");
            if (set == null) {
                throw Route53ApiError.invalidInput("A change needs a ResourceRecordSet.");
            }
            String ttl = Route53Xml.text(set, "TTL");
            List<String> values = Route53Xml.all(set, "Value").stream().map(v -> v.getTextContent().strip())
                    .toList();
            return new Route53Store.Change(Route53Xml.text(change, "Action"), Route53Xml.text(set, "Name"),
                    Route53Xml.text(set, "Type"), ttl == null ? 300 : Long.parseLong(ttl), values);
        }).toList();
        if (batch.isEmpty()) {
            throw Route53ApiError.invalidInput("The change batch is empty.");
        }
        return ok(changed(Route53Xml.document("ChangeResourceRecordSetsResponse"),
                store.change(accountId, zoneId, batch)));
    }

    private Response listRecordSets(String accountId, String zoneId, Map<String, String> query) {
        int max = Math.min(MAX_RECORDS, Integer.parseInt(query.getOrDefault("maxitems", String.valueOf(MAX_RECORDS))));
        String startName = query.get("name");
        String startType = query.get("type");
        List<HostedZone.RecordSet> sets = store.recordSets(accountId, zoneId).stream()
                .filter(r -> startName == null || after(r, startName, startType)).toList();
        XmlWriter x = Route53Xml.document("ListResourceRecordSetsResponse").start("ResourceRecordSets");
        sets.stream().limit(max).forEach(set -> Route53Xml.recordSet(x, set));
        x.end().element("IsTruncated", sets.size() > max);
        if (sets.size() > max) {
            HostedZone.RecordSet next = sets.get(max);
            x.element("NextRecordName", next.name()).element("NextRecordType", next.type());
        }
        return ok(x.element("MaxItems", max));
    }

    private static boolean after(HostedZone.RecordSet set, String startName, String startType) {
        int byName = Route53Store.reversed(set.name()).compareTo(Route53Store.reversed(startName));
        return byName > 0 || (byName == 0 && (startType == null || set.type().compareTo(startType) >= 0));
    }

    private Response listByName(String accountId, Map<String, String> query) {
        int max = Math.min(MAX_ITEMS, Integer.parseInt(query.getOrDefault("maxitems", String.valueOf(MAX_ITEMS))));
        String dnsName = query.get("dnsname");
        String startId = query.get("hostedzoneid");
        List<HostedZone> zones = store.byName(accountId).stream().filter(z -> dnsName == null
                || Route53Store.reversed(z.name).compareTo(Route53Store.reversed(dnsName)) > 0
                || (Route53Store.reversed(z.name).equals(Route53Store.reversed(dnsName))
                && (startId == null || z.id.compareTo(startId) >= 0))).toList();
        XmlWriter x = Route53Xml.document("ListHostedZonesByNameResponse").start("HostedZones");
        zones.stream().limit(max).forEach(zone -> Route53Xml.hostedZone(x, zone));
        x.end().element("DNSName", dnsName).element("HostedZoneId", startId).element("IsTruncated", zones.size() > max);
        if (zones.size() > max) {
            x.element("NextDNSName", zones.get(max).name).element("NextHostedZoneId", zones.get(max).id);
        }
        return ok(x.element("MaxItems", max));
    }

    /** Adds the {@code ChangeInfo} of {@code changeId}. */
    private XmlWriter changed(XmlWriter x, String changeId) {
        return Route53Xml.changeInfo(x, store.changeInfo(changeId));
    }

    private static Response ok(XmlWriter x) {
        return new Response(200, x.finish());
    }

    private String authenticate(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = authorization == null ? null : ACCESS_KEY.matcher(authorization);
        if (m == null || !m.find()) {
            throw new Route53ApiError(403, "MissingAuthenticationToken", "Missing Authentication Token");
        }
        return accountForAccessKey.apply(m.group(1)).orElseThrow(() -> new Route53ApiError(403,
                "InvalidClientTokenId", "The security token included in the request is invalid."));
    }
}
