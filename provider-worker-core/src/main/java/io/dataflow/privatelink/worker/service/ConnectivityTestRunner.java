package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.connectivity.ConnectivityChecks;
import io.dataflow.privatelink.worker.connectivity.PlatformNetwork;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.repository.ConnectivityTestEntity;
import io.dataflow.privatelink.worker.repository.ConnectivityTestRepository;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the connectivity tests of the shards this instance leases, beside the reconcile pass (a test never waits for
 * a pass, and a pass never waits for a test's timeouts). Each result is announced in the transaction that marks its
 * test completed: a crash mid-test runs it again, and its result is announced once.
 */
@ApplicationScoped
public class ConnectivityTestRunner {

    private static final Logger LOG = Logger.getLogger(ConnectivityTestRunner.class);

    private final ConnectivityTestRepository tests;
    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final ShardLeases leases;
    private final DnsCloud dns;
    private final ConnectivityChecks checks;
    private final OutboxWriter outbox;
    private final OutcomeRecorder clock;
    private final WorkerConfig config;

    ConnectivityTestRunner(ConnectivityTestRepository tests, ManagedEndpointRepository endpoints,
                           ManagedDomainRepository domains, ShardLeases leases, DnsCloud dns, PlatformNetwork network,
                           OutboxWriter outbox, OutcomeRecorder clock, WorkerConfig config) {
        this.tests = tests;
        this.endpoints = endpoints;
        this.domains = domains;
        this.leases = leases;
        this.dns = dns;
        this.checks = new ConnectivityChecks(network);
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${plc.worker.connectivity.poll-interval}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Running connectivity tests failed; the next turn retries", e);
        }
    }

    /** Runs the pending tests of the leased shards. Blocks: the network does. */
    public void run() {
        HeldShards held = leases.current();
        if (held.isEmpty()) {
            return;
        }
        for (ConnectivityTestEntity pending : Db.read(() -> tests.pending(held.shards()))) {
            runOne(pending);
        }
    }

    private void runOne(ConnectivityTestEntity pending) {
        ConnectivityTestRequested request = pending.request;
        List<ConnectivityCheck> results;
        Instant now = clock.now();
        if (request.requestTime().plus(config.connectivity().expireAfter()).isBefore(now)) {
            // Asked long ago (this worker was down): its answer would no longer be what the caller waits for.
            results = List.of(ConnectivityCheck.fail(CheckKind.OTHER, null, null, "The test expired before a worker"
                    + " ran it (asked " + request.requestTime() + ").", "Start the test again."));
        } else {
            try {
                ManagedEndpoint endpoint = Db.read(() -> endpoints.findManaged(request.connectionId())).orElse(null);
                List<ManagedDomain> attached = Db.read(() -> domains.forConnection(request.connectionId()));
                results = checks.run(new ConnectivityChecks.Facts(request, endpoint, attached,
                                config.connectivity().loadBalancerIdleTimeout(),
                                now.plus(config.connectivity().testDeadline())),
                        () -> dns.endpointDns(endpoint.location(), endpoint.endpointId()));
            } catch (RuntimeException e) {
                // Reported, never retried forever: one test that cannot run must not hold up the others behind it.
                LOG.warnf(e, "Connectivity test %s of %s could not run", request.testId(), request.connectionId());
                results = List.of(ConnectivityCheck.fail(CheckKind.OTHER, null, null, "The test could not run: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                        + ".", "Start the test again; if it fails the same way, report it with the test id."));
            }
        }
        ConnectivityTest done = request.running().completed(results, clock.now());
        ConnectivityTestCompleted completed = new ConnectivityTestCompleted(request.connectionId(), request.clusterId(),
                done, request.version());
        boolean announced = Db.transaction(() -> tests.complete(request.testId(), done.completeTime())
                .call(marked -> marked ? outbox.append(config.stateTopic(), CloudEvent.of(
                        EventTypes.CONNECTIVITY_TEST_COMPLETED, config.eventSource(), request.connectionId(),
                        done.completeTime(), completed), pending.traceParent)
                        : io.smallrye.mutiny.Uni.createFrom().voidItem()));
        if (announced) {
            LOG.infof("Connectivity test %s of %s: %s", request.testId(), request.connectionId(), done.state());
        }
    }
}
