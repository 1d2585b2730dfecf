package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fans the change log out to the status subscriptions of this instance. One tailer thread reads new
 * changes (woken right after a local projection commits; polling covers changes other instances
 * project) and offers each to every registration: one query per change batch, however many
 * subscribers. A new registration knows the position it started at: older changes it replays from
 * the database, newer ones it receives live, so none is missed or doubled.
 */
@ApplicationScoped
public class SubscriptionHub {

    private static final Logger LOG = Logger.getLogger(SubscriptionHub.class);
    private static final int BATCH = 1000;
    private static final long POLL_MILLIS = 250;

    private final ChangeLogRepository changeLog;
    private final Set<Registration> registrations = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private final Object deliveryLock = new Object();
    private volatile long position;
    private volatile boolean running;
    private Thread tailer;

    SubscriptionHub(ChangeLogRepository changeLog) {
        this.changeLog = changeLog;
    }

    void start(@Observes StartupEvent startup) {
        position = changeLog.lastSeq();
        running = true;
        tailer = new Thread(this::tail, "subscription-tailer");
        tailer.setDaemon(true);
        tailer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wake.release();
    }

    /** A local projection committed a change: deliver it now instead of at the next poll. */
    public void wakeUp() {
        wake.release();
    }

    public int subscribers() {
        return registrations.size();
    }

    /** Registers a subscription; changes after {@link Registration#startSeq()} are buffered until it goes live. */
    public Registration register(Predicate<Change> filter) {
        synchronized (deliveryLock) {
            Registration registration = new Registration(filter, position);
            registrations.add(registration);
            return registration;
        }
    }

    public void unregister(Registration registration) {
        registrations.remove(registration);
    }

    private void tail() {
        while (running) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                deliverNew();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the change log; retrying", e);
            }
        }
    }

    private void deliverNew() {
        while (true) {
            var changes = changeLog.after(position, null, null, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            synchronized (deliveryLock) {
                for (Change change : changes) {
                    for (Registration registration : registrations) {
                        registration.offer(change);
                    }
                    position = change.seq();
                }
            }
            if (changes.size() < BATCH) {
                return;
            }
        }
    }

    /** One subscription: its filter, where it started, and the emitter once its replay is done. */
    public static final class Registration {

        private final Predicate<Change> filter;
        private final long startSeq;
        private final Queue<Change> buffered = new ArrayDeque<>();
        private MultiEmitter<? super Change> emitter;

        Registration(Predicate<Change> filter, long startSeq) {
            this.filter = filter;
            this.startSeq = startSeq;
        }

        /** Changes up to here come from the database; later ones are delivered live. */
        public long startSeq() {
            return startSeq;
        }

        synchronized void offer(Change change) {
            if (!filter.test(change)) {
                return;
            }
            if (emitter == null) {
                buffered.add(change);
            } else {
                emitter.emit(change);
            }
        }

        /** Called once the replay has emitted everything up to {@link #startSeq()}. */
        public synchronized void goLive(MultiEmitter<? super Change> target) {
            Change change;
            while ((change = buffered.poll()) != null) {
                target.emit(change);
            }
            emitter = target;
        }
    }
}
