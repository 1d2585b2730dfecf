package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many status streams each caller holds open on this instance, bounded by
 * {@code plc.subscriptions.max-per-caller}: one caller's reconnect loop or leak cannot take every
 * subscriber slot of an instance.
 */
@ApplicationScoped
public class CallerStreams {

    private final int maxPerCaller;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    CallerStreams(DomainServiceConfig config) {
        this.maxPerCaller = config.subscriptions().maxPerCaller();
    }

    /** Takes a slot for {@code subject}, or refuses with RESOURCE_EXHAUSTED; the slot goes back with {@link #release}. */
    public void acquire(String subject) {
        boolean[] taken = {false};
        open.compute(subject, (key, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < maxPerCaller) {
                current.incrementAndGet();
                taken[0] = true;
            }
            return current;
        });
        if (!taken[0]) {
            throw new ApiException(RpcCode.RESOURCE_EXHAUSTED, "You have " + maxPerCaller + " status streams open, "
                    + "the most one caller may hold: close one, or watch the whole cluster with one stream instead "
                    + "of one per connection.");
        }
    }

    public void release(String subject) {
        open.computeIfPresent(subject, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Streams {@code subject} holds open now. */
    public int openBy(String subject) {
        AtomicInteger count = open.get(subject);
        return count == null ? 0 : count.get();
    }
}
