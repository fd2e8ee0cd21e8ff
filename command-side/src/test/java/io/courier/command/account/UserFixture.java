package io.courier.command.account;

import io.courier.api.account.EmailChangeRequested;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.PasswordResetRequested;
import io.courier.api.account.SealedFields;
import io.courier.api.account.UserRegistered;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.config.AggregateCommandTargetResolver;
import io.courier.vault.DataKeyStore;
import io.courier.vault.PersonalData;
import io.courier.vault.PersonalDataVault;
import io.courier.vault.VaultKey;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomMatcher;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What every test of the {@link User} aggregate needs: a fixture with the resources its handlers take, in-memory
 * stand-ins for the JDBC ones (the real ones are tested against PostgreSQL in the gateway), and events as a
 * registered user's history holds them, personal data sealed.
 */
abstract class UserFixture {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final String PASSWORD = "correct horse battery";
    static final String EMAIL = "ada@example.com";
    static final UUID USER = UUID.randomUUID();

    // cheap Argon2id parameters: these tests are about decisions, not hashing cost
    final PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 1 << 10, 1);
    final RefreshTokenMint mint = new RefreshTokenMint();
    final InMemoryEmailRegistry registry = new InMemoryEmailRegistry();
    final InMemoryDataKeys keys = new InMemoryDataKeys();
    final PersonalData personalData = new PersonalDataVault(keys);
    final Erasure erasure = new Erasure();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final OneTimeTokenPolicy tokenPolicy = OneTimeTokenPolicy.DEFAULT;
    final MailDeliveryPolicy mailPolicy = new MailDeliveryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(25));
    AggregateTestFixture<User> fixture;

    @BeforeEach
    void fixture() {
        fixture = fixtureWithReuseGrace(RefreshTokenPolicy.DEFAULT_REUSE_GRACE);
    }

    AggregateTestFixture<User> fixtureWithReuseGrace(Duration reuseGrace) {
        RefreshTokenPolicy policy = RefreshTokenPolicy.withReuseGrace(reuseGrace);
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(encoder);
        fixture.registerInjectableResource(mint);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(policy);
        fixture.registerInjectableResource(personalData);
        fixture.registerInjectableResource(tokenPolicy);
        fixture.registerInjectableResource(mailPolicy);
        fixture.registerInjectableResource(erasure);
        fixture.registerAnnotatedCommandHandler(new LogInHandler(fixture.getRepository(), registry, encoder,
                personalData, mint, policy, clock));
        fixture.registerAnnotatedCommandHandler(new PasswordResetHandler(fixture.getRepository(), registry,
                personalData, tokenPolicy, clock));
        return fixture;
    }

    UserRegistered registered() {
        return registeredWithHashOf(PASSWORD);
    }

    UserRegistered registeredWithHashOf(String password) {
        return new UserRegistered(USER, seal(SealedFields.EMAIL, EMAIL),
                seal(SealedFields.PASSWORD_HASH, encoder.encode(password)), seal(SealedFields.DISPLAY_NAME, "Ada"),
                NOW.minus(Duration.ofDays(1)));
    }

    /** A registered user whose address is claimed in the registry, as registration leaves it. */
    UserRegistered registeredAndClaimed() {
        registry.claim(EmailAddress.parse(EMAIL), USER);
        return registered();
    }

    EmailConfirmationRequested confirmationRequested(String secret, Instant expiresAt) {
        UUID tokenId = UUID.randomUUID();
        return new EmailConfirmationRequested(USER, UUID.randomUUID(), tokenId, OneTimeTokenMint.hash(secret),
                seal(SealedFields.oneTimeToken(tokenId), USER + "." + secret), seal(SealedFields.EMAIL, EMAIL),
                NOW.minus(Duration.ofHours(1)), expiresAt);
    }

    EmailChangeRequested changeRequested(String secret, String newEmail, Instant expiresAt) {
        UUID tokenId = UUID.randomUUID();
        return new EmailChangeRequested(USER, UUID.randomUUID(), tokenId, OneTimeTokenMint.hash(secret),
                seal(SealedFields.oneTimeToken(tokenId), USER + "." + secret), seal(SealedFields.EMAIL, newEmail),
                NOW.minus(Duration.ofHours(1)), expiresAt);
    }

    PasswordResetRequested resetRequested(String secret, Instant expiresAt) {
        UUID tokenId = UUID.randomUUID();
        return new PasswordResetRequested(USER, UUID.randomUUID(), tokenId, OneTimeTokenMint.hash(secret),
                seal(SealedFields.oneTimeToken(tokenId), USER + "." + secret), seal(SealedFields.EMAIL, EMAIL),
                NOW.minus(Duration.ofMinutes(10)), expiresAt);
    }

    String seal(String field, String value) {
        return personalData.seal(USER, field, value);
    }

    String open(String field, String sealed) {
        return open(USER, field, sealed);
    }

    String open(UUID owner, String field, String sealed) {
        return personalData.open(owner, field, sealed).orElse(null);
    }

    /** Registration also asks for the first confirmation mail. */
    static Matcher<Object> confirmationMail() {
        return event(EmailConfirmationRequested.class, requested -> true);
    }

    /** The token a mail asking to confirm the address carries, as the outbox opens it. */
    String tokenIn(EmailConfirmationRequested requested) {
        return open(SealedFields.oneTimeToken(requested.tokenId()), requested.sealedToken());
    }

    /** The secret part of a mailed token ({@code <userId>.<secret>}), which is what commands present. */
    static String secretOf(String mailedToken) {
        return mailedToken.substring(mailedToken.indexOf('.') + 1);
    }

    /** Matches an instance of {@code type} satisfying {@code check}: events and results carry random ids. */
    static <T> Matcher<Object> event(Class<T> type, Predicate<T> check) {
        return new CustomMatcher<>("a matching " + type.getSimpleName()) {
            @Override
            public boolean matches(Object item) {
                return type.isInstance(item) && check.test(type.cast(item));
            }
        };
    }

    static Matcher<CommandRejectedException> rejection(RejectionCode code) {
        return new CustomTypeSafeMatcher<>("a rejection with code " + code) {
            @Override
            protected boolean matchesSafely(CommandRejectedException rejection) {
                return rejection.code() == code;
            }
        };
    }

    static final class InMemoryDataKeys implements DataKeyStore {

        final Map<UUID, VaultKey> keys = new ConcurrentHashMap<>();

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

    /** Does what the JDBC erasure does to the stand-ins, and remembers whom it erased. */
    final class Erasure implements AccountErasure {

        final List<UUID> erased = new ArrayList<>();

        @Override
        public void erase(UUID userId) {
            erased.add(userId);
            registry.release(userId);
            personalData.forget(userId);
        }
    }
}
