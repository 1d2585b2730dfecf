package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ConnectionViewRepository.PagePosition;
import io.dataflow.privatelink.kit.api.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Opaque page tokens: the position of the last connection of a page. Keyset positions stay correct
 * while connections are added or removed, where offsets would skip or repeat entries.
 */
public final class PageTokens {

    private PageTokens() {
    }

    public static String encode(PagePosition position) {
        String raw = position.createTime() + "|" + position.connectionId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PagePosition decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw invalid();
            }
            return new PagePosition(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidArgument(
                "pageToken is not valid. Pass the nextPageToken of the previous page unchanged, or omit it.");
    }
}
