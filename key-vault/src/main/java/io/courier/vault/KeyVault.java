package io.courier.vault;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encryption at rest for what the server keeps but must not hold in clear (conversation key material).
 * <p>
 * A sealed value reads {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}: AES-256-GCM with a random
 * 96-bit nonce. New values are sealed under the current key; values sealed under an older key still open
 * as long as that key is configured, which is what makes rotating the vault key possible. The {@code context}
 * (what the value is and whose) is authenticated but not stored, so a sealed value copied to another row,
 * member or conversation no longer opens.
 */
public final class KeyVault {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final VaultKey current;
    private final Map<String, VaultKey> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** {@code older}: keys that only open values sealed before a rotation. */
    public KeyVault(VaultKey current, List<VaultKey> older) {
        this.current = Objects.requireNonNull(current, "current");
        keys.put(current.id(), current);
        older.forEach(key -> keys.putIfAbsent(key.id(), key));
    }

    public String currentKeyId() {
        return current.id();
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher cipher = cipher(true, current, nonce, context);
        byte[] output = new byte[NONCE_BYTES + cipher.getOutputSize(input.length)];
        System.arraycopy(nonce, 0, output, 0, NONCE_BYTES);
        int written = cipher.processBytes(input, 0, input.length, output, NONCE_BYTES);
        try {
            cipher.doFinal(output, NONCE_BYTES + written);
        } catch (InvalidCipherTextException impossible) {
            throw new IllegalStateException(impossible);
        }
        return VERSION + "." + current.id() + "." + BASE64.encodeToString(output);
    }

    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new VaultException("Not a sealed value");
        }
        VaultKey key = keys.get(parts[1]);
        if (key == null) {
            throw new VaultException("Sealed under vault key " + parts[1] + ", which is not configured");
        }
        byte[] input;
        try {
            input = UNBASE64.decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            throw new VaultException("Not a sealed value");
        }
        if (input.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new VaultException("Not a sealed value");
        }
        byte[] nonce = java.util.Arrays.copyOf(input, NONCE_BYTES);
        GCMModeCipher cipher = cipher(false, key, nonce, context);
        byte[] output = new byte[cipher.getOutputSize(input.length - NONCE_BYTES)];
        int written = cipher.processBytes(input, NONCE_BYTES, input.length - NONCE_BYTES, output, 0);
        try {
            written += cipher.doFinal(output, written);
        } catch (InvalidCipherTextException tampered) {
            throw new VaultException("Sealed value was altered or belongs elsewhere");
        }
        return new String(output, 0, written, StandardCharsets.UTF_8);
    }

    /** Whether re-sealing would change the key this value is sealed under. */
    public boolean isSealedWithCurrentKey(String sealed) {
        return sealed != null && sealed.startsWith(VERSION + "." + current.id() + ".");
    }

    private static GCMModeCipher cipher(boolean encrypt, VaultKey key, byte[] nonce, String context) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key.bytes()), TAG_BITS, nonce,
                context.getBytes(StandardCharsets.UTF_8)));
        return cipher;
    }

    @Override
    public String toString() {
        return "KeyVault[current=" + current.id() + ", keys=" + keys.keySet() + "]";
    }
}
