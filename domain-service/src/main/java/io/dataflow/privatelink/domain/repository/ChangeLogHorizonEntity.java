package io.dataflow.privatelink.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row saying how far the change log was purged (table {@code change_log_horizon}). */
@Entity
@Table(name = "change_log_horizon")
public class ChangeLogHorizonEntity {

    @Id
    public int id;

    @Column(name = "purged_through")
    public long purgedThrough;
}
