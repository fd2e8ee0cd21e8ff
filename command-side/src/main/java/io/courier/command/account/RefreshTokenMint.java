package io.courier.command.account;

import io.courier.api.account.RefreshToken;
import io.courier.command.ids.RandomIds;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Makes refresh token secrets and their hashes. Secrets carry 256 random bits, so a plain SHA-256
 * is enough to store them: unlike passwords there is nothing to brute-force.
 */
@Component
public class RefreshTokenMint {

    private static final int SECRET_BYTES = 32;

    public Minted mint(UUID userId) {
        byte[] bytes = RandomIds.bytes(SECRET_BYTES);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Minted(new RefreshToken(userId, secret), hash(secret));
    }

    public String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }

    public record Minted(RefreshToken token, String hash) {
    }
}
