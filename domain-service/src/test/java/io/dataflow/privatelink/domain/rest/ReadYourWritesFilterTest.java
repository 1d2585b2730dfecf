package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a read-your-writes wait sleeps before looking at the database again. */
class ReadYourWritesFilterTest {

    private static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();

    @Test
    void withNotificationsItWaitsForTheNextBatchUpToItsBound() {
        assertEquals(Duration.ofSeconds(5), ReadYourWritesFilter.nextLook(FIVE_SECONDS, true));
    }

    @Test
    void withoutNotificationsItLooksAgainSoonInsteadOfWaitingItsWholeBound() {
        assertEquals(DatabaseNotifications.POLL_WHILE_DOWN, ReadYourWritesFilter.nextLook(FIVE_SECONDS, false));
        assertEquals(Duration.ofMillis(50), ReadYourWritesFilter.nextLook(Duration.ofMillis(50).toNanos(), false),
                "never past the bound");
    }
}
