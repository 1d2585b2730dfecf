package io.dataflow.privatelink.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Whether the cloud accepts the worker's credentials, as the last cloud call found. A rejected key is
 * the operator's to fix, not the user's: connections wait (their calls are retried) instead of failing,
 * and the worker reports itself not ready with the cloud's own words, so the problem shows in health
 * checks and logs rather than as a wave of FAILED connections.
 */
@ApplicationScoped
public class CloudCredentials {

    private static final Logger LOG = Logger.getLogger(CloudCredentials.class);

    private volatile String rejection;
    private volatile Instant rejectedAt;
    private final java.util.Map<String, String> attention = new java.util.concurrent.ConcurrentHashMap<>();

    /** Records that the cloud refused the credentials; logged once per change. */
    public void rejected(String cloudCode, String howToFix) {
        String message = "the cloud rejected the worker's credentials (" + cloudCode + "): " + howToFix;
        if (!message.equals(rejection)) {
            LOG.error(message);
        }
        rejection = message;
        rejectedAt = Instant.now();
    }

    /** A call went through: the credentials are good. */
    public void accepted() {
        if (rejection != null) {
            LOG.info("The cloud accepts the worker's credentials again");
        }
        rejection = null;
        rejectedAt = null;
    }

    /**
     * Something only an operator can fix that does not stop every call: a permission the platform's role
     * lacks, a quota reached. Logged (a WARN with the cloud's raw text, once per code and text) and shown as
     * readiness data; the connection that met it keeps being retried, and its user never sees the raw text
     * (it names the platform's role and account).
     */
    public void needsOperator(String cloudCode, String rawText) {
        String previous = attention.put(cloudCode, rawText);
        if (!rawText.equals(previous)) {
            LOG.warnf("Cloud refused a call for a reason only an operator can fix (%s): %s", cloudCode, rawText);
        }
    }

    /** What needs an operator, by cloud code (the latest text of each). */
    public java.util.Map<String, String> needingOperator() {
        return java.util.Map.copyOf(attention);
    }

    /** The refusal in words, or null while the credentials are good. */
    public String rejection() {
        return rejection;
    }

    public Instant rejectedAt() {
        return rejectedAt;
    }
}
