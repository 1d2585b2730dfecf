package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.service.QuotaAdmission.Refusal;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Scope;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.kit.api.ApiException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A create refused by a connection quota: RESOURCE_EXHAUSTED (429). The message names the limit (the
 * cluster's or the project's), its value, the count and what to do; {@link #details()} carries the same
 * for programs, as google.rpc's {@code QuotaFailure} (the limit) and {@code ErrorInfo} (limit and use).
 */
public final class ConnectionQuotaExceeded extends ApiException {

    private static final long serialVersionUID = 1L;

    /** {@code ErrorInfo.domain} and the prefix of {@code QuotaFailure}'s quota metric. */
    public static final String DOMAIN = "privatelink.dataflow.io";
    /** {@code ErrorInfo.reason}. */
    public static final String REASON = "CONNECTION_QUOTA_EXCEEDED";

    private final transient Refusal refusal;

    public ConnectionQuotaExceeded(Refusal refusal) {
        super(RpcCode.RESOURCE_EXHAUSTED, message(refusal));
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    static String message(Refusal r) {
        String what = r.scope() == Scope.CLUSTER
                ? "Cluster " + r.clusterId() + " has reached its limit of " + r.limit()
                        + " private link connections per cluster (it has " + r.used() + ")"
                : "Project " + r.projectId() + " has reached its limit of " + r.limit()
                        + " private link connections per project (its clusters have " + r.used() + ")";
        return what + ", so this connection was not created. Delete connections you no longer need "
                + "(a deleted connection stops counting once it is gone), or ask the platform's operators for a "
                + "higher limit. GET /v1beta1/clusters/" + r.clusterId() + "/privateLinkConnections:getQuota shows the "
                + "limits and their use.";
    }

    /** The body's {@code details}: a QuotaFailure and an ErrorInfo, in google.rpc's JSON form. */
    public List<Map<String, Object>> details() {
        boolean cluster = refusal.scope() == Scope.CLUSTER;
        Map<String, Object> violation = ordered(
                "subject", cluster ? "clusters/" + refusal.clusterId() : "projects/" + refusal.projectId(),
                "description", (cluster ? "private link connections per cluster" : "private link connections per project")
                        + ": " + refusal.used() + " of " + refusal.limit() + " used",
                "quotaMetric", DOMAIN + "/connections",
                "quotaId", cluster ? "ConnectionsPerCluster" : "ConnectionsPerProject",
                "quotaDimensions", cluster ? ordered("clusterId", refusal.clusterId())
                        : ordered("projectId", refusal.projectId()),
                "quotaValue", refusal.limit());
        Map<String, Object> quotaFailure = ordered(
                "@type", "type.googleapis.com/google.rpc.QuotaFailure",
                "violations", List.of(violation));
        Map<String, Object> errorInfo = ordered(
                "@type", "type.googleapis.com/google.rpc.ErrorInfo",
                "reason", REASON,
                "domain", DOMAIN,
                // ErrorInfo's metadata values are strings
                "metadata", ordered("scope", cluster ? "cluster" : "project", "clusterId", refusal.clusterId(),
                        "projectId", refusal.projectId(), "limit", Integer.toString(refusal.limit()),
                        "used", Long.toString(refusal.used())));
        return List.of(quotaFailure, errorInfo);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
