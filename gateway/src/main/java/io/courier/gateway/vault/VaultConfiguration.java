package io.courier.gateway.vault;

import io.courier.gateway.config.CourierProperties;
import io.courier.gateway.config.InvalidConfigurationException;
import io.courier.vault.KeyVault;
import io.courier.vault.VaultKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key vault: {@code VAULT_KEY} seals, and it plus every key in {@code VAULT_OLD_KEYS} (comma-separated,
 * base64) opens. Without {@code VAULT_KEY} (development only; production refuses to start) a random key is
 * generated once and kept in {@code vault.key} beside the embedded database's data, so a restarted
 * development server still opens what it sealed.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

    @Bean
    KeyVault keyVault(CourierProperties properties, @Value("${courier.vault-old-keys:}") String oldKeys) {
        VaultKey current = VaultKey.of(properties.vaultKey() != null && !properties.vaultKey().isBlank()
                ? properties.effectiveVaultKey()
                : developmentKey(properties.embeddedDatabase().directory().toAbsolutePath().getParent()
                .resolve("vault.key")));
        List<VaultKey> older = new ArrayList<>();
        for (String key : oldKeys.split(",")) {
            if (!key.isBlank()) {
                older.add(VaultKey.of(decode(key, "VAULT_OLD_KEYS")));
            }
        }
        KeyVault vault = new KeyVault(current, older);
        log.info("Key vault seals under key {}; {} older key(s) open older values", vault.currentKeyId(), older.size());
        return vault;
    }

    private static byte[] developmentKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[VaultKey.BYTES];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), "vault", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    // atomic and never replacing: two servers starting at once keep the same key
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                    Files.deleteIfExists(temporary);
                }
                // info, not warn: ProductionConfigurationCheck already warns once that VAULT_KEY is unset
                log.info("VAULT_KEY is not set: generated a development vault key in {}", file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development vault key " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length == VaultKey.BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new InvalidConfigurationException("A key in " + source + " is not base64 of " + VaultKey.BYTES
                + " bytes (try: openssl rand -base64 32)");
    }
}
