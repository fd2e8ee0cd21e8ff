package io.courier.vault;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataVaultTest {

    private static final UUID ADA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private final Keys keys = new Keys();
    private final PersonalData personalData = new PersonalDataVault(keys);

    @Test
    void a_sealed_value_opens_for_its_owner_and_field_and_does_not_contain_it() {
        String sealed = personalData.seal(ADA, "email", "ada@example.com");

        assertThat(sealed).startsWith("v1.").doesNotContain("ada").doesNotContain("example");
        assertThat(personalData.open(ADA, "email", sealed)).contains("ada@example.com");
    }

    @Test
    void each_owner_gets_a_key_of_their_own_on_first_sealing() {
        personalData.seal(ADA, "email", "ada@example.com");
        personalData.seal(ADA, "display-name", "Ada");
        personalData.seal(BOB, "email", "bob@example.com");

        assertThat(keys.keys).containsOnlyKeys(ADA, BOB);
        assertThat(keys.keys.get(ADA).id()).isNotEqualTo(keys.keys.get(BOB).id());
    }

    @Test
    void a_value_moved_to_another_field_or_owner_does_not_open() {
        String sealed = personalData.seal(ADA, "email", "ada@example.com");
        personalData.seal(BOB, "email", "bob@example.com");

        assertThatThrownBy(() -> personalData.open(ADA, "display-name", sealed)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> personalData.open(BOB, "email", sealed)).isInstanceOf(VaultException.class);
    }

    @Test
    void once_the_owner_is_forgotten_their_values_are_gone_for_good() {
        String sealed = personalData.seal(ADA, "email", "ada@example.com");

        personalData.forget(ADA);

        assertThat(personalData.open(ADA, "email", sealed)).isEmpty();
        // sealing again makes a new key, which does not open the old values
        personalData.seal(ADA, "email", "ada@example.net");
        assertThatThrownBy(() -> personalData.open(ADA, "email", sealed)).isInstanceOf(VaultException.class);
    }

    @Test
    void values_stored_in_clear_before_sealing_are_read_as_they_are() {
        assertThat(personalData.open(ADA, "email", PersonalData.plain("v1.x@example.com"))).contains("v1.x@example.com");
        assertThat(personalData.open(ADA, "email", null)).isEmpty();
        assertThat(personalData.seal(ADA, "email", null)).isNull();
    }

    static final class Keys implements DataKeyStore {

        final Map<UUID, VaultKey> keys = new HashMap<>();

        @Override
        public Optional<VaultKey> find(UUID owner) {
            return Optional.ofNullable(keys.get(owner));
        }

        @Override
        public VaultKey findOrCreate(UUID owner) {
            return keys.computeIfAbsent(owner, id -> {
                byte[] key = new byte[VaultKey.BYTES];
                new SecureRandom().nextBytes(key);
                return VaultKey.of(key);
            });
        }

        @Override
        public void destroy(UUID owner) {
            keys.remove(owner);
        }
    }
}
