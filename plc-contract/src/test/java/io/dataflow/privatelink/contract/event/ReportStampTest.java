package io.dataflow.privatelink.contract.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportStampTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aLaterVersionWinsWhateverItsTime() {
        assertTrue(new ReportStamp(2, T0, "a").supersedes(new ReportStamp(1, T0.plusSeconds(60), "z")));
        assertFalse(new ReportStamp(1, T0.plusSeconds(60), "z").supersedes(new ReportStamp(2, T0, "a")));
    }

    @Test
    void aTieOfVersionsGoesToTheLaterTimeThenTheLargerEventId() {
        assertTrue(new ReportStamp(3, T0.plusSeconds(1), "a").supersedes(new ReportStamp(3, T0, "z")));
        assertFalse(new ReportStamp(3, T0, "z").supersedes(new ReportStamp(3, T0.plusSeconds(1), "a")));
        assertTrue(new ReportStamp(3, T0, "b").supersedes(new ReportStamp(3, T0, "a")));
        assertFalse(new ReportStamp(3, T0, "a").supersedes(new ReportStamp(3, T0, "b")));
    }

    @Test
    void theSameReportAgainIsNotNewer() {
        assertFalse(new ReportStamp(3, T0, "a").supersedes(new ReportStamp(3, T0, "a")));
    }

    @Test
    void anyReportSupersedesNoneTaken() {
        assertTrue(new ReportStamp(0, T0, "a").supersedes(new ReportStamp(0, null, null)));
        assertTrue(new ReportStamp(1, T0, "a").supersedes(new ReportStamp(0, null, null)));
        assertTrue(new ReportStamp(0, T0, "a").supersedes(new ReportStamp(-1, null, null)));
    }
}
