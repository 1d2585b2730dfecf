package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.event.EventJson;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How Hibernate reads JSON columns ({@code connection_view.connectivity_test}, jsonb): with the events' own mapper,
 * the one that writes them ({@code ViewColumns}), not the REST layer's. Quarkus refuses to start with its REST
 * mapper for JSON columns, as that one is configured for HTTP.
 */
@JsonFormat
@PersistenceUnitExtension
@ApplicationScoped
public class EventJsonFormat implements FormatMapper {

    private final FormatMapper mapper = new JacksonJsonFormatMapper(EventJson.mapper());

    @Override
    public <T> T fromString(CharSequence json, JavaType<T> type, WrapperOptions options) {
        return mapper.fromString(json, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return mapper.toString(value, type, options);
    }
}
