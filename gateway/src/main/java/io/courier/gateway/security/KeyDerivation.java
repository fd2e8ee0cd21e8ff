package io.courier.gateway.security;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * One independent key per purpose from SECRET_KEY_BASE (HKDF-SHA256), so that a token minted for
 * one purpose can never be accepted for another.
 */
final class KeyDerivation {

    private KeyDerivation() {
    }

    static SecretKey hmacSha256Key(String secretKeyBase, String purpose) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secretKeyBase.getBytes(StandardCharsets.UTF_8), null,
                ("courier/" + purpose).getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
