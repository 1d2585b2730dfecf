package io.dataflow.privatelink.kit.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** A domain plan's records, stored as the JSON the events carry (a TEXT column). */
@Converter
public class DomainRecordsJson implements AttributeConverter<List<DomainRecord>, String> {

    private static final TypeReference<List<DomainRecord>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<DomainRecord> records) {
        return JsonColumn.write(records);
    }

    @Override
    public List<DomainRecord> convertToEntityAttribute(String json) {
        return JsonColumn.read(json, TYPE);
    }
}
