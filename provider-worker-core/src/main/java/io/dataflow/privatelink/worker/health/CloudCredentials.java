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

    /** The refusal in words, or null while the credentials are good. */
    public String rejection() {
        return rejection;
    }

    public Instant rejectedAt() {
        return rejectedAt;
    }
}
