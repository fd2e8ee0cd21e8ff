package io.courier.vault;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyVaultTest {

    private static final VaultKey OLD = key(1);
    private static final VaultKey NEW = key(2);

    @Test
    void a_sealed_value_opens_to_what_was_sealed_and_does_not_contain_it() {
        KeyVault vault = new KeyVault(NEW, List.of());
        String sealed = vault.seal("{\"kty\":\"RSA\",\"d\":\"secret\"}", "ctx");

        assertThat(sealed).startsWith("v1." + NEW.id() + ".").doesNotContain("secret").doesNotContain("RSA");
        assertThat(vault.open(sealed, "ctx")).isEqualTo("{\"kty\":\"RSA\",\"d\":\"secret\"}");
    }

    @Test
    void sealing_twice_gives_different_values() {
        KeyVault vault = new KeyVault(NEW, List.of());
        assertThat(vault.seal("same", "ctx")).isNotEqualTo(vault.seal("same", "ctx"));
    }

    @Test
    void a_value_moved_to_another_context_does_not_open() {
        KeyVault vault = new KeyVault(NEW, List.of());
        String sealed = vault.seal("private key of alice", "conversation/1/user/alice/private");

        assertThatThrownBy(() -> vault.open(sealed, "conversation/1/user/mallory/private"))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void an_altered_value_does_not_open() {
        KeyVault vault = new KeyVault(NEW, List.of());
        String sealed = vault.seal("text", "ctx");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> vault.open(altered, "ctx")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open("plain text", "ctx")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open("v1." + NEW.id() + ".!!", "ctx")).isInstanceOf(VaultException.class);
    }

    @Test
    void after_a_rotation_old_values_still_open_and_new_ones_use_the_new_key() {
        String sealedBefore = new KeyVault(OLD, List.of()).seal("text", "ctx");
        KeyVault rotated = new KeyVault(NEW, List.of(OLD));

        assertThat(rotated.open(sealedBefore, "ctx")).isEqualTo("text");
        assertThat(rotated.isSealedWithCurrentKey(sealedBefore)).isFalse();
        assertThat(rotated.isSealedWithCurrentKey(rotated.seal("text", "ctx"))).isTrue();
    }

    @Test
    void a_value_sealed_under_a_key_no_longer_configured_names_that_key() {
        String sealed = new KeyVault(OLD, List.of()).seal("text", "ctx");

        assertThatThrownBy(() -> new KeyVault(NEW, List.of()).open(sealed, "ctx"))
                .isInstanceOf(VaultException.class).hasMessageContaining(OLD.id());
    }

    @Test
    void key_ids_differ_per_key_and_never_show_the_key() {
        assertThat(OLD.id()).isNotEqualTo(NEW.id()).hasSize(12);
        assertThat(OLD.toString()).doesNotContain("0101");
    }

    private static VaultKey key(int fill) {
        byte[] bytes = new byte[VaultKey.BYTES];
        Arrays.fill(bytes, (byte) fill);
        return VaultKey.of(bytes);
    }
}
