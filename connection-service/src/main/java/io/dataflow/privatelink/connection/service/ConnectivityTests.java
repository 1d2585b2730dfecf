package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.api.TestConnectivityBody;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestIds;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Starts connectivity tests: the request is checked ({@link ConnectivityTestValidator}), recorded on the connection
 * (one test at a time) and announced in the same transaction; the worker of the connection's cloud runs it from the
 * platform's network and reports the checks, which clear the connection's running test.
 */
@ApplicationScoped
public class ConnectivityTests {

    private final ClusterRegistry clusters;
    private final ConnectionRepository connections;
    private final CommandEvents events;
    private final Duration runningLimit;

    ConnectivityTests(ClusterRegistry clusters, ConnectionRepository connections, CommandEvents events,
                      ConnectionServiceConfig config) {
        this.clusters = clusters;
        this.connections = connections;
        this.events = events;
        this.runningLimit = config.connectivityTests().runningLimit();
    }

    /** Starts a test; answers it RUNNING. A connection being deleted cannot be tested; any other state can. */
    @WithTransaction
    public Uni<ConnectivityTest> start(String clusterId, String connectionId, TestConnectivityBody body, String caller) {
        ConnectivityTestValidator.ValidTest valid = ConnectivityTestValidator.validate(body);
        return clusters.require(clusterId)
                .chain(() -> connections.findForUpdate(clusterId, connectionId))
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(ConnectionCommandService.notFound(clusterId, connectionId));
                    }
                    if (row.state == ConnectionState.DELETING) {
                        return Uni.createFrom().failure(ApiException.failedPrecondition("Private link connection "
                                + connectionId + " is being deleted; there is nothing left to test."));
                    }
                    Instant now = CommandClock.now();
                    if (row.connectivityTestId != null && row.connectivityTestTime.plus(runningLimit).isAfter(now)) {
                        return Uni.createFrom().failure(new ApiException(RpcCode.ABORTED, "Connectivity test "
                                + row.connectivityTestId + " is still running on " + connectionId + " (started "
                                + row.connectivityTestTime + "); one test runs at a time: its result shows in the"
                                + " connection's connectivityTest, then start another."));
                    }
                    ConnectivityTestRequested requested = new ConnectivityTestRequested(connectionId, clusterId,
                            row.type, ConnectivityTestIds.newId(), valid.targets(), valid.port(), valid.kafka(), caller,
                            now, row.version);
                    row.connectivityTestId = requested.testId();
                    row.connectivityTestTime = now;
                    return events.emit(clusterId, EventTypes.CONNECTIVITY_TEST_REQUESTED, connectionId, now, requested)
                            .replaceWith(requested.running());
                });
    }

    /** The worker's report: the connection no longer has a test running (unless a newer one started since). */
    public Uni<Void> completed(ConnectivityTestCompleted completed) {
        return connections.findByIdForUpdate(completed.connectionId()).invoke(row -> {
            if (row != null && completed.test().testId().equals(row.connectivityTestId)) {
                row.connectivityTestId = null;
                row.connectivityTestTime = null;
            }
        }).replaceWithVoid();
    }
}
