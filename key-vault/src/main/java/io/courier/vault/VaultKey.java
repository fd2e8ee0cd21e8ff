package io.courier.vault;

import org.bouncycastle.crypto.digests.SHA256Digest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One AES-256 key of the vault. Its id is derived from the key itself, so operators configure keys only
 * and a sealed value names the key that opens it without anyone keeping a list of ids in sync.
 */
public final class VaultKey {

    public static final int BYTES = 32;

    private final String id;
    private final byte[] key;

    private VaultKey(String id, byte[] key) {
        this.id = id;
        this.key = key;
    }

    public static VaultKey of(byte[] key) {
        if (key == null || key.length != BYTES) {
            throw new IllegalArgumentException("A vault key is " + BYTES + " bytes");
        }
        SHA256Digest digest = new SHA256Digest();
        byte[] label = "courier/vault-key-id/".getBytes(StandardCharsets.US_ASCII);
        digest.update(label, 0, label.length);
        digest.update(key, 0, key.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return new VaultKey(HexFormat.of().formatHex(hash, 0, 6), key.clone());
    }

    /** Twelve hex digits; never the key. */
    public String id() {
        return id;
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public String toString() {
        return "VaultKey[" + id + "]";
    }
}
