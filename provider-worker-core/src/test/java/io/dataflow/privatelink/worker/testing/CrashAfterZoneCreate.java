package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test equipment: for the attachments listed, the worker "dies" right after the cloud created the
 * private zone and before the worker recorded it, the window the zone look-up by attachment id protects.
 */
@Decorator
@Priority(10)
public abstract class CrashAfterZoneCreate implements DnsCloud {

    public static final Set<String> CRASH_ONCE = ConcurrentHashMap.newKeySet();

    @Inject
    @Delegate
    @Any
    DnsCloud delegate;

    @Override
    public String createZone(ZoneSpec spec) {
        String zoneId = delegate.createZone(spec);
        if (CRASH_ONCE.remove(spec.attachDomainId())) {
            throw new IllegalStateException("simulated crash after creating zone " + spec.zoneName());
        }
        return zoneId;
    }
}
