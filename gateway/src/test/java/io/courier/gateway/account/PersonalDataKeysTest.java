package io.courier.gateway.account;

import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.vault.DataKeyStore;
import io.courier.vault.PersonalData;
import io.courier.vault.VaultKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-user data keys in PostgreSQL: sealed at rest, made and destroyed with the transaction that asks. */
@CourierIntegrationTest
class PersonalDataKeysTest {

    @Autowired
    DataKeyStore keys;
    @Autowired
    PersonalData personalData;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_key_made_in_a_transaction_that_rolls_back_is_never_used_again() {
        UUID owner = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            personalData.seal(owner, "email", "ada@example.com");
            throw new IllegalStateException("the command failed after sealing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(keys.find(owner)).isEmpty();
        String sealed = transaction.execute(status -> personalData.seal(owner, "email", "ada@example.com"));
        assertThat(personalData.open(owner, "email", sealed)).contains("ada@example.com");
    }

    @Test
    void keys_are_stored_sealed_under_the_vault_key_and_forgetting_deletes_them() {
        UUID owner = UUID.randomUUID();
        String sealed = personalData.seal(owner, "email", "ada@example.com");
        VaultKey key = keys.find(owner).orElseThrow();

        assertThat(jdbc.queryForObject("SELECT sealed_key FROM personal_data_key WHERE user_id = ?", String.class, owner))
                .startsWith("v1.").doesNotContain(key.id());
        personalData.forget(owner);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE user_id = ?", Integer.class, owner))
                .isZero();
        assertThat(personalData.open(owner, "email", sealed)).isEmpty();
    }
}
