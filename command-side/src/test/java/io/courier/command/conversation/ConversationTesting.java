package io.courier.command.conversation;

import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.command.config.AggregateCommandTargetResolver;
import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;
import io.courier.vault.VaultKey;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** What the conversation fixtures share: users, a clock with nanoseconds, key pairs, a vault. */
final class ConversationTesting {

    /** Nanoseconds on purpose: events must carry microseconds, as PostgreSQL stores them. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00.123456789Z");
    static final Instant NOW_IN_MICROS = Instant.parse("2026-11-26T12:00:00.123456Z");
    static final Instant EARLIER = Instant.parse("2026-11-25T08:00:00Z");

    static final UUID CONVERSATION = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final UUID DAVE = UUID.randomUUID();
    /** Exists, but is a member of nothing here. */
    static final UUID OUTSIDER = UUID.randomUUID();
    /** Has no account. */
    static final UUID GHOST = UUID.randomUUID();

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private ConversationTesting() {
    }

    static InMemoryUserDirectory users() {
        return new InMemoryUserDirectory().register(ALICE, BOB, CAROL, DAVE, OUTSIDER);
    }

    static KeyVault newVault() {
        return new KeyVault(newVaultKey(), List.of());
    }

    static VaultKey newVaultKey() {
        byte[] key = new byte[VaultKey.BYTES];
        new SecureRandom().nextBytes(key);
        return VaultKey.of(key);
    }

    /** A client's key pair: a JWK and a wrapped private key, each with a marker no sealed form can contain. */
    static KeyPair keysOf(String owner) {
        return new KeyPair("{\"kty\":\"RSA\",\"n\":\"" + owner + "-public-modulus\",\"e\":\"AQAB\"}",
                "\"" + owner + "-wrapped-private-key\"");
    }

    /** The parts of {@link #keysOf} that would show if key material leaked into an event. */
    static String[] plaintextMarkers(String... owners) {
        return java.util.Arrays.stream(owners)
                .flatMap(owner -> java.util.stream.Stream.of(owner + "-public-modulus", owner + "-wrapped-private-key"))
                .toArray(String[]::new);
    }

    static ConversationKeysSet keysSet(KeyVault vault, UUID member, String owner) {
        return new ConversationKeysSet(CONVERSATION, member, sealed(vault, member, keysOf(owner)), EARLIER);
    }

    static SealedKeyPair sealed(KeyVault vault, UUID member, KeyPair keys) {
        return ConversationKeys.seal(keys, CONVERSATION, member, vault);
    }

    /** Whether {@code sealed} is {@code expected}, sealed for that member of {@link #CONVERSATION}. */
    static boolean opensTo(KeyVault vault, SealedKeyPair sealed, UUID member, KeyPair expected) {
        return vault.open(sealed.sealedPublicKey(), SealingContexts.conversationPublicKey(CONVERSATION, member))
                .equals(expected.publicKey())
                && vault.open(sealed.sealedPrivateKey(), SealingContexts.conversationPrivateKey(CONVERSATION, member))
                .equals(expected.privateKey());
    }

    static AggregateTestFixture<Conversation> fixture(KeyVault vault, UserDirectory users,
                                                      PrivateConversationRegistry registry,
                                                      ConversationLimits limits) {
        AggregateTestFixture<Conversation> fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(limits);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerAnnotatedCommandHandler(new StartPrivateConversationHandler(fixture.getRepository(), registry,
                users, limits, vault, CLOCK));
        fixture.registerAnnotatedCommandHandler(new ResealConversationKeysHandler(fixture.getRepository(), vault,
                CLOCK));
        return fixture;
    }
}
