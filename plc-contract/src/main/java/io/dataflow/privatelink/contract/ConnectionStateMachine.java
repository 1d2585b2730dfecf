package io.dataflow.privatelink.contract;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.DELETING;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;

/**
 * The one definition of which state changes are legal:
 * {@code CREATING → PENDING_ACCEPTANCE → ACTIVE}, any → {@code FAILED}, any → {@code DELETING} → gone.
 * <p>
 * Services that accept no request for acceptance go straight from CREATING to ACTIVE, and an ACTIVE
 * endpoint whose owner revokes it can fall back to PENDING_ACCEPTANCE, as the clouds allow.
 * Once DELETING, only removal follows: a late state report must never resurrect a connection.
 */
public final class ConnectionStateMachine {

    private static final Map<ConnectionState, Set<ConnectionState>> NEXT = new EnumMap<>(ConnectionState.class);

    static {
        NEXT.put(CREATING, EnumSet.of(PENDING_ACCEPTANCE, ACTIVE, FAILED, DELETING));
        NEXT.put(PENDING_ACCEPTANCE, EnumSet.of(ACTIVE, FAILED, DELETING));
        NEXT.put(ACTIVE, EnumSet.of(PENDING_ACCEPTANCE, FAILED, DELETING));
        NEXT.put(FAILED, EnumSet.of(DELETING));
        NEXT.put(DELETING, EnumSet.noneOf(ConnectionState.class));
    }

    private ConnectionStateMachine() {
    }

    /** Whether a connection in {@code from} may move to {@code to}; staying in a state is not a transition. */
    public static boolean canTransition(ConnectionState from, ConnectionState to) {
        return NEXT.get(from).contains(to);
    }

    /**
     * The state a connection shows once a worker's report is taken: a deletion already asked for absorbs
     * it (a report on its way must not undo the deletion); otherwise the state the worker reports.
     */
    public static ConnectionState afterReport(ConnectionState current, ConnectionState reported) {
        return current == DELETING ? DELETING : reported;
    }

    /** Whether a connection in this state may be deleted (every state but one already being deleted). */
    public static boolean canDelete(ConnectionState state) {
        return state != DELETING;
    }
}
