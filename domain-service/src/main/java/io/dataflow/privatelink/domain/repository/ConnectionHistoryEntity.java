package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One state a connection went through, or a connectivity test it finished (table {@code connection_history}); rows
 * are written by {@link HistoryRepository}.
 */
@Entity
@Table(name = "connection_history")
public class ConnectionHistoryEntity {

    /** The event that said so: an event seen twice is one entry. */
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "connection_id")
    public String connectionId;

    /** Null on a connectivity test's entry (the state did not change; the history shows the one in effect). */
    @Enumerated(EnumType.STRING)
    public ConnectionState state;

    public String message;

    @Column(name = "change_time")
    public Instant changeTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_reason")
    public FailureReason failureReason;

    /** The connectivity test that finished, on that test's entry. */
    @Column(name = "connectivity_test_id")
    public String connectivityTestId;
}
