package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The request a worker row was made from, kept as the event's JSON (a TEXT column). */
final class PayloadJson {

    private PayloadJson() {
    }

    @Converter
    static class ConnectionRequestedJson implements AttributeConverter<ConnectionRequested, String> {
        @Override
        public String convertToDatabaseColumn(ConnectionRequested value) {
            return value == null ? null : EventJson.write(value);
        }

        @Override
        public ConnectionRequested convertToEntityAttribute(String json) {
            return json == null ? null : EventJson.read(json, ConnectionRequested.class);
        }
    }

    @Converter
    static class ConnectivityTestRequestedJson implements AttributeConverter<ConnectivityTestRequested, String> {
        @Override
        public String convertToDatabaseColumn(ConnectivityTestRequested value) {
            return value == null ? null : EventJson.write(value);
        }

        @Override
        public ConnectivityTestRequested convertToEntityAttribute(String json) {
            return json == null ? null : EventJson.read(json, ConnectivityTestRequested.class);
        }
    }

    @Converter
    static class DomainAttachRequestedJson implements AttributeConverter<DomainAttachRequested, String> {
        @Override
        public String convertToDatabaseColumn(DomainAttachRequested value) {
            return value == null ? null : EventJson.write(value);
        }

        @Override
        public DomainAttachRequested convertToEntityAttribute(String json) {
            return json == null ? null : EventJson.read(json, DomainAttachRequested.class);
        }
    }
}
