package io.courier.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs access tokens as the server does (HS256 under a key derived from {@code SECRET_KEY_BASE} with HKDF-SHA256,
 * purpose {@code courier/access-token}), so the real-time scenarios can sign in thousands of users without a
 * password hash each. Only for a server whose {@code SECRET_KEY_BASE} the harness chose (the one it starts).
 */
final class AccessTokenMinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key;

    AccessTokenMinter(String secretKeyBase) {
        this.key = hkdfSha256(secretKeyBase.getBytes(StandardCharsets.UTF_8),
                "courier/access-token".getBytes(StandardCharsets.UTF_8), 32);
    }

    String mint(UUID userId, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "courier");
        claims.put("sub", userId.toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sid", UUID.randomUUID().toString());
        try {
            String signed = HEADER + "." + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            return signed + "." + B64URL.encodeToString(hmac(key, signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5869 with an all-zero salt, as Bouncy Castle's HKDF does without one. */
    private static byte[] hkdfSha256(byte[] inputKey, byte[] info, int length) {
        byte[] pseudoRandomKey = hmac(new byte[32], inputKey);
        byte[] block = new byte[0];
        byte[] out = new byte[length];
        int filled = 0;
        for (byte counter = 1; filled < length; counter++) {
            byte[] input = new byte[block.length + info.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = counter;
            block = hmac(pseudoRandomKey, input);
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, take);
            filled += take;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
