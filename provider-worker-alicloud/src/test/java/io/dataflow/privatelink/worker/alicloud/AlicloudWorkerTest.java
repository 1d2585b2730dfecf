package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.worker.testing.CloudSide;
import io.dataflow.privatelink.worker.testing.WorkerContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import java.net.URL;

/**
 * The Alibaba Cloud worker on its side: requests from Kafka, the real SDK against the simulator, events out.
 * Every scenario is {@link WorkerContract}'s, run here against Alibaba Cloud.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_alicloud"))
@QuarkusTestResource(value = AlicloudSimulatorResource.class, restrictToAnnotatedClass = true)
class AlicloudWorkerTest extends WorkerContract {

    private static final AlicloudSide ALICLOUD = new AlicloudSide();

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Override
    protected CloudSide cloud() {
        return ALICLOUD;
    }

    @Override
    protected URL metrics() {
        return metrics;
    }
}
