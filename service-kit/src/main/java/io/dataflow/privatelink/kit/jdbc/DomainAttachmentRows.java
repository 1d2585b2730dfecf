package io.dataflow.privatelink.kit.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.EventJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads and writes a {@link DomainAttachment} row. connection-service's aggregate and domain-service's
 * read model name these columns alike; the plan's records and the domains' states are JSON columns.
 */
public final class DomainAttachmentRows {

    private static final TypeReference<List<DomainRecord>> RECORDS = new TypeReference<>() {
    };
    private static final TypeReference<List<Domain>> DOMAINS = new TypeReference<>() {
    };

    private DomainAttachmentRows() {
    }

    public static DomainAttachment read(ResultSet rs) throws SQLException {
        return new DomainAttachment(rs.getString("attach_domain_id"), rs.getString("connection_id"),
                rs.getString("cluster_id"), ConnectionType.valueOf(rs.getString("connection_type")),
                DomainType.valueOf(rs.getString("domain_type")), rs.getString("unique_name"),
                rs.getString("zone_name"), json(rs.getString("records"), RECORDS),
                DomainState.valueOf(rs.getString("state")), json(rs.getString("domains"), DOMAINS),
                rs.getString("created_by"), Jdbc.instant(rs, "create_time"), Jdbc.instant(rs, "update_time"));
    }

    /** The domains column. */
    public static List<Domain> domains(String json) {
        return json(json, DOMAINS);
    }

    /** JSON of a column value (records or domains). */
    public static String json(Object value) {
        return EventJson.write(value);
    }

    private static <T> T json(String text, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
