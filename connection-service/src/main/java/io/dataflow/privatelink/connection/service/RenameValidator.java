package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.api.UpdatePrivateLinkConnectionBody;
import io.dataflow.privatelink.kit.api.ApiException;

import java.util.Arrays;
import java.util.List;

/**
 * Checks an update request (PATCH of a connection): the mask must name {@code displayName} and nothing else (the
 * only field a connection lets change: the rest names cloud resources), and the name must pass the create's rule.
 * Answers the new name, trimmed.
 */
final class RenameValidator {

    static final String UPDATABLE = "displayName";

    private RenameValidator() {
    }

    static String newDisplayName(UpdatePrivateLinkConnectionBody body) {
        if (body == null || body.privateLinkConnection() == null) {
            throw ApiException.invalidArgument("The request body must be {\"privateLinkConnection\": {\"displayName\": ...},"
                    + " \"updateMask\": \"displayName\"}.");
        }
        if (body.updateMask() == null || body.updateMask().isBlank()) {
            throw ApiException.invalidArgument("updateMask is required: \"displayName\", the one field that can be updated.");
        }
        List<String> fields = Arrays.stream(body.updateMask().split(",", -1)).map(String::strip).toList();
        for (String field : fields) {
            if (!UPDATABLE.equals(field)) {
                throw ApiException.invalidArgument("updateMask names \"" + field + "\": only \"displayName\" can be updated;"
                        + " a connection's type and endpoint service are fixed (create a new connection instead).");
            }
        }
        return CreateConnectionValidator.validDisplayName(body.privateLinkConnection().displayName());
    }
}
