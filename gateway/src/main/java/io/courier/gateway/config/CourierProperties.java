package io.courier.gateway.config;

import io.courier.gateway.database.DatabaseUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Everything Courier reads from the environment (see application.yml for the variable names).
 * Values are checked while binding, so a bad one stops start-up with a message naming it.
 * Blank secrets fall back to development values; {@link ProductionConfigurationCheck} refuses that in production.
 */
@ConfigurationProperties("courier")
public record CourierProperties(String databaseUrl,
                                int poolSize,
                                String secretKeyBase,
                                String vaultKey,
                                String frontendUrl,
                                String fromEmail,
                                EmbeddedDatabase embeddedDatabase) {

    static final int MIN_SECRET_KEY_BASE_LENGTH = 32;
    static final int VAULT_KEY_BYTES = 32;
    // Development fallbacks: public knowledge, so useless for anything but a laptop.
    private static final String DEVELOPMENT_SECRET_KEY_BASE =
            "courier-development-secret-key-base-never-use-in-production";
    private static final byte[] DEVELOPMENT_VAULT_KEY = new byte[VAULT_KEY_BYTES];

    public CourierProperties {
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("POOL_SIZE must be between 1 and 1000, got " + poolSize);
        }
        if (isSet(databaseUrl)) {
            DatabaseUrl.parse(databaseUrl);
        }
        if (isSet(secretKeyBase) && secretKeyBase.length() < MIN_SECRET_KEY_BASE_LENGTH) {
            throw new IllegalArgumentException("SECRET_KEY_BASE must be at least " + MIN_SECRET_KEY_BASE_LENGTH
                    + " characters long (try: openssl rand -hex 64)");
        }
        if (isSet(vaultKey)) {
            decodeVaultKey(vaultKey);
        }
        if (embeddedDatabase == null) {
            embeddedDatabase = new EmbeddedDatabase(Path.of("courier-data", "postgres"), 0);
        }
    }

    public Optional<DatabaseUrl> database() {
        return isSet(databaseUrl) ? Optional.of(DatabaseUrl.parse(databaseUrl)) : Optional.empty();
    }

    public String effectiveSecretKeyBase() {
        return isSet(secretKeyBase) ? secretKeyBase : DEVELOPMENT_SECRET_KEY_BASE;
    }

    public byte[] effectiveVaultKey() {
        return isSet(vaultKey) ? decodeVaultKey(vaultKey) : DEVELOPMENT_VAULT_KEY.clone();
    }

    public boolean usesDevelopmentSecrets() {
        return !isSet(secretKeyBase) || !isSet(vaultKey);
    }

    private static byte[] decodeVaultKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("VAULT_KEY must be base64 (try: openssl rand -base64 32)");
        }
        if (key.length != VAULT_KEY_BYTES) {
            throw new IllegalArgumentException("VAULT_KEY must decode to " + VAULT_KEY_BYTES + " bytes, got "
                    + key.length + " (try: openssl rand -base64 32)");
        }
        return key;
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** The PostgreSQL started in-process when DATABASE_URL is unset. Port 0 picks a free one. */
    public record EmbeddedDatabase(Path directory, int port) {
    }
}
