package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.AttachedDomainEntity;
import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the aggregate follows the workers' reports, without Kafka or a database. */
class WorkerReportRulesTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aReportTakesStateMessageEndpointAndZones() {
        ConnectionEntity row = connection(ConnectionState.CREATING);
        assertTrue(WorkerReportRules.take(row, report(ConnectionState.FAILED, "rejected", 1, T0), "e1"));
        assertEquals(ConnectionState.FAILED, row.state);
        assertEquals("rejected", row.message);
        assertEquals("vpce-1", row.endpointId);
        assertEquals(List.of("use1-az1"), row.azIds);
        assertEquals(T0, row.updateTime);
    }

    @Test
    void aReportOlderThanTheOneTakenChangesNothing() {
        ConnectionEntity row = connection(ConnectionState.CREATING);
        WorkerReportRules.take(row, report(ConnectionState.ACTIVE, null, 2, T0.plusSeconds(5)), "e2");
        assertFalse(WorkerReportRules.take(row, report(ConnectionState.PENDING_ACCEPTANCE, null, 1, T0), "e1"));
        assertEquals(ConnectionState.ACTIVE, row.state);
        assertEquals(T0.plusSeconds(5), row.updateTime);
    }

    @Test
    void reportsOfOneVersionAreOrderedByTimeThenEventIdAsTheReadModelOrdersThem() {
        ConnectionEntity row = connection(ConnectionState.CREATING);
        WorkerReportRules.take(row, report(ConnectionState.ACTIVE, null, 3, T0.plusSeconds(1)), "e-b");
        assertFalse(WorkerReportRules.take(row, report(ConnectionState.FAILED, "x", 3, T0), "e-c"));
        assertFalse(WorkerReportRules.take(row, report(ConnectionState.FAILED, "x", 3, T0.plusSeconds(1)), "e-a"));
        assertEquals(ConnectionState.ACTIVE, row.state);
        assertTrue(WorkerReportRules.take(row, report(ConnectionState.FAILED, "x", 3, T0.plusSeconds(1)), "e-c"));
        assertEquals(ConnectionState.FAILED, row.state);
    }

    @Test
    void aDeletionAskedForIsNotUndoneByAReportOnItsWay() {
        ConnectionEntity row = connection(ConnectionState.DELETING);
        assertTrue(WorkerReportRules.take(row, report(ConnectionState.ACTIVE, "accepted", 4, T0), "e4"));
        assertEquals(ConnectionState.DELETING, row.state);
        assertEquals(null, row.message);
        assertEquals("vpce-1", row.endpointId, "what the cloud has is still followed");
    }

    @Test
    void aDetachAskedForIsNotUndoneByADomainReportOnItsWay() {
        AttachedDomainEntity row = attachment(DomainState.DELETING);
        List<Domain> before = row.domains;
        assertTrue(WorkerReportRules.take(row, domainReport(DomainState.ACTIVE, 2), "e2"));
        assertEquals(DomainState.DELETING, row.state);
        assertEquals(before, row.domains);

        AttachedDomainEntity live = attachment(DomainState.CREATING);
        assertTrue(WorkerReportRules.take(live, domainReport(DomainState.ACTIVE, 2), "e2"));
        assertEquals(DomainState.ACTIVE, live.state);
        assertEquals("ACTIVE", live.domains.get(0).state());
        assertFalse(WorkerReportRules.take(live, domainReport(DomainState.CREATING, 1), "e1"));
        assertEquals(DomainState.ACTIVE, live.state);
    }

    static ConnectionEntity connection(ConnectionState state) {
        ConnectionEntity row = new ConnectionEntity();
        row.connectionId = "plc-1";
        row.state = state;
        return row;
    }

    static ConnectionStateChanged report(ConnectionState state, String message, long version, Instant time) {
        return new ConnectionStateChanged("plc-1", "1001", state, message, "vpce-1", List.of("use1-az1"), time,
                version);
    }

    static AttachedDomainEntity attachment(DomainState state) {
        AttachedDomainEntity row = new AttachedDomainEntity();
        row.attachDomainId = "plcd-1";
        row.state = state;
        row.domains = List.of(new Domain("*.a.example", state.name(), null));
        return row;
    }

    static DomainStateChanged domainReport(DomainState state, long version) {
        return new DomainStateChanged("plcd-1", "plc-1", "1001", state,
                List.of(new Domain("*.a.example", state.name(), null)), T0.plusSeconds(version), version);
    }
}
