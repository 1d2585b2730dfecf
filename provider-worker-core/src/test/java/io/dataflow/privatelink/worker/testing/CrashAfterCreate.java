package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test equipment: for the connections listed, the worker "dies" right after the cloud created the
 * endpoint and before the worker recorded it, exactly the window the tag look-up and the client token
 * protect. Nothing of the pass is committed, as after a real crash.
 */
@Decorator
@Priority(10)
public abstract class CrashAfterCreate implements EndpointCloud {

    public static final Set<String> CRASH_ONCE = ConcurrentHashMap.newKeySet();

    @Inject
    @Delegate
    @Any
    EndpointCloud delegate;

    @Override
    public EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds) {
        EndpointView created = delegate.createEndpoint(spec, zoneIds);
        if (CRASH_ONCE.remove(spec.connectionId())) {
            throw new IllegalStateException("simulated crash after CreateVpcEndpoint for " + spec.connectionId());
        }
        return created;
    }
}
