package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository.PagePosition;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page tokens: the position of the last connection of a page, signed (HMAC-SHA256 with
 * {@code plc.paging.token-key}) so that a changed token is refused instead of read as another position.
 * Keyset positions stay correct while connections are added or removed, where offsets would skip or
 * repeat entries.
 */
@ApplicationScoped
public class PageTokens {

    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    PageTokens(DomainServiceConfig config) {
        this.key = new SecretKeySpec(config.paging().tokenKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String encode(PagePosition position) {
        byte[] raw = (position.createTime() + "|" + position.connectionId()).getBytes(StandardCharsets.UTF_8);
        byte[] token = Arrays.copyOf(raw, raw.length + MAC_BYTES);
        System.arraycopy(mac(raw), 0, token, raw.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    public PagePosition decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= MAC_BYTES) {
                throw invalid();
            }
            byte[] raw = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
            byte[] mac = Arrays.copyOfRange(bytes, bytes.length - MAC_BYTES, bytes.length);
            if (!MessageDigest.isEqual(mac, mac(raw))) {
                throw invalid();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw invalid();
            }
            return new PagePosition(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(raw), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidArgument("pageToken is not a token this API issued, or it was changed. Pass the "
                + "nextPageToken of the previous page unchanged, or omit it to start from the first page.");
    }
}
