package io.courier.vault;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link PersonalData} with one AES-256-GCM key per owner from a {@link DataKeyStore}; the sealed form is the
 * {@link KeyVault}'s ({@code v1.<key id>.<base64url>}), bound to owner and field.
 */
public final class PersonalDataVault implements PersonalData {

    private final DataKeyStore keys;

    public PersonalDataVault(DataKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public String seal(UUID owner, String field, String value) {
        if (value == null) {
            return null;
        }
        return vault(keys.findOrCreate(owner)).seal(value, context(owner, field));
    }

    @Override
    public Optional<String> open(UUID owner, String field, String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        if (sealed.startsWith(PLAIN_PREFIX)) {
            return Optional.of(sealed.substring(PLAIN_PREFIX.length()));
        }
        return keys.find(owner).map(key -> vault(key).open(sealed, context(owner, field)));
    }

    @Override
    public void forget(UUID owner) {
        keys.destroy(owner);
    }

    static String context(UUID owner, String field) {
        return "personal-data/" + owner + "/" + field;
    }

    private static KeyVault vault(VaultKey key) {
        return new KeyVault(key, List.of());
    }
}
