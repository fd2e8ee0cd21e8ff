package io.courier.command.account;

import io.courier.command.eventsourcing.AggregateRepositories;
import io.courier.command.eventsourcing.UpToDateCachingRepository;
import io.courier.vault.DataKeyStore;
import io.courier.vault.PersonalData;
import io.courier.vault.PersonalDataVault;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class AccountCommandConfiguration {

    /** {@code REFRESH_REUSE_GRACE}: seconds after a rotation in which the old token still works; 0 is strict. */
    @Bean
    RefreshTokenPolicy refreshTokenPolicy(@Value("${courier.refresh-reuse-grace:30}") long reuseGraceSeconds) {
        return RefreshTokenPolicy.withReuseGrace(Duration.ofSeconds(reuseGraceSeconds));
    }

    @Bean
    OneTimeTokenPolicy oneTimeTokenPolicy(@Value("${courier.tokens.email-confirm-lifetime:7d}") Duration emailConfirm,
                                          @Value("${courier.tokens.email-change-lifetime:7d}") Duration emailChange,
                                          @Value("${courier.tokens.password-reset-lifetime:1h}") Duration passwordReset) {
        return new OneTimeTokenPolicy(emailConfirm, emailChange, passwordReset);
    }

    @Bean
    MailDeliveryPolicy mailDeliveryPolicy(@Value("${courier.mail.max-attempts:12}") int maxAttempts,
                                          @Value("${courier.mail.first-retry-delay:10s}") Duration firstRetryDelay,
                                          @Value("${courier.mail.max-retry-delay:30m}") Duration maxRetryDelay) {
        return new MailDeliveryPolicy(maxAttempts, firstRetryDelay, maxRetryDelay);
    }

    /** Crypto-shredding: personal data in events is sealed under per-user keys kept in {@code personal_data_key}. */
    @Bean
    PersonalData personalData(DataKeyStore keys) {
        return new PersonalDataVault(keys);
    }

    /**
     * Every token rotation is an event, so a user's stream grows by one per device every half hour;
     * a snapshot every {@code courier.snapshot-threshold} events keeps a cache miss cheap.
     */
    @Bean
    UpToDateCachingRepository<User> userRepository(AggregateRepositories repositories, Snapshotter snapshotter,
                                                   @Value("${courier.snapshot-threshold:100}") int snapshotThreshold) {
        return repositories.cachedAndUpToDate(User.class,
                new EventCountSnapshotTriggerDefinition(snapshotter, snapshotThreshold));
    }
}
