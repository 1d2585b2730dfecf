package io.dataflow.privatelink.kit.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dataflow.privatelink.contract.api.Domain;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Each domain's name, state and message, stored as the JSON the events carry (a TEXT column). */
@Converter
public class DomainsJson implements AttributeConverter<List<Domain>, String> {

    private static final TypeReference<List<Domain>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Domain> domains) {
        return JsonColumn.write(domains);
    }

    @Override
    public List<Domain> convertToEntityAttribute(String json) {
        return JsonColumn.read(json, TYPE);
    }
}
