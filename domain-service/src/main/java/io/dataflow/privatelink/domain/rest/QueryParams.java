package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.kit.api.ApiException;

/** Query parameters are parsed here rather than by JAX-RS, so a bad value gets the API's error body. */
final class QueryParams {

    private QueryParams() {
    }

    static Integer optionalInt(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument(name + " must be a whole number; it was '" + value + "'.");
        }
    }
}
