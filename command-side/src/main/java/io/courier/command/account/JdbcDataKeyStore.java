package io.courier.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.command.ids.RandomIds;
import io.courier.vault.DataKeyStore;
import io.courier.vault.KeyVault;
import io.courier.vault.VaultKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' data keys in {@code personal_data_key}, each sealed under the vault key. Writes join the caller's
 * transaction (the command's, so a key is made and destroyed together with its events).
 * <p>
 * Projections open personal data for every event they read, so keys are cached, but only once their
 * transaction has committed: a key made by a command that then rolls back must never be used to seal. A
 * destroyed key leaves this process's cache at once; another process may keep it for {@link #CACHED_FOR}.
 */
@Component
class JdbcDataKeyStore implements DataKeyStore {

    static final Duration CACHED_FOR = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final KeyVault vault;
    private final Cache<UUID, VaultKey> committed = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(CACHED_FOR).build();

    JdbcDataKeyStore(JdbcTemplate jdbc, KeyVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Override
    public Optional<VaultKey> find(UUID owner) {
        VaultKey cached = committed.getIfPresent(owner);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<VaultKey> stored = jdbc.queryForList("SELECT sealed_key FROM personal_data_key WHERE user_id = ?",
                        String.class, owner).stream().findFirst()
                .map(sealed -> VaultKey.of(Base64.getDecoder().decode(vault.open(sealed, context(owner)))));
        stored.ifPresent(key -> afterCommit(() -> committed.put(owner, key)));
        return stored;
    }

    @Override
    public VaultKey findOrCreate(UUID owner) {
        return find(owner).orElseGet(() -> {
            String sealed = vault.seal(Base64.getEncoder().encodeToString(RandomIds.bytes(VaultKey.BYTES)), context(owner));
            // a concurrent creator wins: ours is dropped and theirs read back below
            jdbc.update("INSERT INTO personal_data_key (user_id, sealed_key) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                    owner, sealed);
            return find(owner).orElseThrow(() -> new IllegalStateException("Data key of " + owner + " vanished"));
        });
    }

    @Override
    public void destroy(UUID owner) {
        jdbc.update("DELETE FROM personal_data_key WHERE user_id = ?", owner);
        committed.invalidate(owner);
        // a reader in another transaction may cache it again until this one commits
        afterCommit(() -> committed.invalidate(owner));
    }

    private static String context(UUID owner) {
        return "personal-data-key/" + owner;
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
