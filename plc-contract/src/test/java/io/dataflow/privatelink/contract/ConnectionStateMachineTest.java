package io.dataflow.privatelink.contract;

import io.dataflow.privatelink.contract.domains.DomainState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionStateMachineTest {

    @Test
    void aDeletionAbsorbsEveryReportAndNothingLeavesDeleting() {
        for (ConnectionState reported : ConnectionState.values()) {
            assertEquals(ConnectionState.DELETING, ConnectionStateMachine.afterReport(ConnectionState.DELETING, reported));
            assertFalse(ConnectionStateMachine.canTransition(ConnectionState.DELETING, reported));
        }
        assertFalse(ConnectionStateMachine.canDelete(ConnectionState.DELETING));
    }

    @Test
    void otherwiseTheReportedStateIsShown() {
        assertEquals(ConnectionState.ACTIVE,
                ConnectionStateMachine.afterReport(ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE));
        assertEquals(ConnectionState.PENDING_ACCEPTANCE,
                ConnectionStateMachine.afterReport(ConnectionState.ACTIVE, ConnectionState.PENDING_ACCEPTANCE));
        assertTrue(ConnectionStateMachine.canTransition(ConnectionState.ACTIVE, ConnectionState.PENDING_ACCEPTANCE));
        assertFalse(ConnectionStateMachine.canTransition(ConnectionState.FAILED, ConnectionState.ACTIVE));
    }

    @Test
    void aDetachAbsorbsADomainReportTheSameWay() {
        assertEquals(DomainState.DELETING, DomainState.afterReport(DomainState.DELETING, DomainState.ACTIVE));
        assertEquals(DomainState.ACTIVE, DomainState.afterReport(DomainState.CREATING, DomainState.ACTIVE));
    }
}
