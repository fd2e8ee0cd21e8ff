package io.courier.command.conversation;

import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.ResealConversationKeys;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;
import io.courier.vault.VaultException;
import io.courier.vault.VaultKey;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.courier.command.Expectations.event;
import static io.courier.command.Expectations.noEventContains;
import static io.courier.command.Expectations.rejection;
import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CAROL;
import static io.courier.command.conversation.ConversationTesting.CONVERSATION;
import static io.courier.command.conversation.ConversationTesting.EARLIER;
import static io.courier.command.conversation.ConversationTesting.NOW_IN_MICROS;
import static io.courier.command.conversation.ConversationTesting.keysOf;
import static io.courier.command.conversation.ConversationTesting.keysSet;
import static io.courier.command.conversation.ConversationTesting.opensTo;
import static io.courier.command.conversation.ConversationTesting.plaintextMarkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/** Members' key pairs: checked, sealed by the vault before they enter an event, rotated, resealed. */
class ConversationKeysTest {

    private final VaultKey oldVaultKey = ConversationTesting.newVaultKey();
    private final KeyVault vault = new KeyVault(oldVaultKey, List.of());
    private final AggregateTestFixture<Conversation> fixture = fixtureWith(vault, ConversationLimits.DEFAULT);

    private static AggregateTestFixture<Conversation> fixtureWith(KeyVault vault, ConversationLimits limits) {
        return ConversationTesting.fixture(vault, ConversationTesting.users(), new InMemoryPrivateConversationRegistry(),
                limits);
    }

    private List<Object> groupOfThreeSealedWith(KeyVault sealing) {
        return new ArrayList<>(List.of(
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB, CAROL), null, EARLIER),
                keysSet(sealing, ALICE, "alice"), keysSet(sealing, BOB, "bob"), keysSet(sealing, CAROL, "carol")));
    }

    @Test
    void a_member_can_replace_its_keys() {
        fixture.given(groupOfThreeSealedWith(vault))
                .when(new SetConversationKeys(CONVERSATION, BOB, keysOf("bob-rotated")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(ConversationKeysSet.class, e -> e.userId().equals(BOB) && e.setAt().equals(NOW_IN_MICROS)
                                && opensTo(vault, e.keys(), BOB, keysOf("bob-rotated"))),
                        andNoMore())))
                .expectEventsMatching(noEventContains(plaintextMarkers("bob-rotated")));
    }

    @Test
    void both_halves_are_required_and_not_blank() {
        for (KeyPair keys : new KeyPair[]{null, new KeyPair(null, "{}"), new KeyPair("{}", null),
                new KeyPair("", "{}"), new KeyPair("{}", " \n ")}) {
            fixture.given(groupOfThreeSealedWith(vault))
                    .when(new SetConversationKeys(CONVERSATION, BOB, keys))
                    .expectException(rejection(RejectionCode.INVALID_KEYS))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new StartGroupConversation(CONVERSATION, ALICE, Set.of(BOB), null, keys))
                    .expectException(rejection(RejectionCode.INVALID_KEYS))
                    .expectNoEvents();
        }
    }

    @Test
    void each_half_has_at_most_the_configured_utf8_bytes() {
        int limit = ConversationLimits.DEFAULT.maxKeyBytes();
        String largest = "\"" + "k".repeat(limit - 2) + "\"";
        String oneByteTooMany = "\"" + "k".repeat(limit - 1) + "\"";
        String fewerCharsButTooManyBytes = "\"" + "\u00e9".repeat(limit / 2) + "\""; // é is two bytes

        fixture.given(groupOfThreeSealedWith(vault))
                .when(new SetConversationKeys(CONVERSATION, BOB, new KeyPair(largest, largest)))
                .expectSuccessfulHandlerExecution();
        for (KeyPair keys : new KeyPair[]{new KeyPair(oneByteTooMany, "{}"), new KeyPair("{}", oneByteTooMany),
                new KeyPair("{}", fewerCharsButTooManyBytes)}) {
            fixture.given(groupOfThreeSealedWith(vault))
                    .when(new SetConversationKeys(CONVERSATION, BOB, keys))
                    .expectException(rejection(RejectionCode.INVALID_KEYS))
                    .expectNoEvents();
        }
    }

    @Test
    void the_key_size_limit_is_configurable() {
        AggregateTestFixture<Conversation> smallKeys = fixtureWith(vault, new ConversationLimits(256, 300));

        smallKeys.given(groupOfThreeSealedWith(vault))
                .when(new SetConversationKeys(CONVERSATION, BOB, new KeyPair("\"" + "k".repeat(299) + "\"", "{}")))
                .expectException(rejection(RejectionCode.INVALID_KEYS));
    }

    @Test
    void keys_holding_nul_or_unpaired_surrogates_are_refused() {
        for (String bad : new String[]{"{\"k\":\"a\u0000b\"}", "{\"k\":\"\uD800\"}", "{\"k\":\"\uDC00x\"}"}) {
            fixture.given(groupOfThreeSealedWith(vault))
                    .when(new SetConversationKeys(CONVERSATION, BOB, new KeyPair(bad, "{}")))
                    .expectException(rejection(RejectionCode.INVALID_KEYS));
        }
    }

    @Test
    void a_sealed_key_opens_only_as_what_it_is_for_whom_it_is() {
        SealedKeyPair sealed = ConversationTesting.sealed(vault, BOB, keysOf("bob"));

        assertThat(opensTo(vault, sealed, BOB, keysOf("bob"))).isTrue();
        assertThatThrownBy(() -> vault.open(sealed.sealedPrivateKey(),
                SealingContexts.conversationPrivateKey(CONVERSATION, ALICE))).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open(sealed.sealedPrivateKey(),
                SealingContexts.conversationPublicKey(CONVERSATION, BOB))).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open(sealed.sealedPrivateKey(),
                SealingContexts.conversationPrivateKey(UUID.randomUUID(), BOB))).isInstanceOf(VaultException.class);
    }

    // --- vault key rotation

    @Test
    void after_a_vault_key_rotation_every_members_keys_are_resealed_under_the_new_key() {
        KeyVault rotated = new KeyVault(ConversationTesting.newVaultKey(), List.of(oldVaultKey));
        List<Object> history = groupOfThreeSealedWith(vault);
        SealedKeyPair bobsOldSeal = ((ConversationKeysSet) history.get(2)).keys();

        fixtureWith(rotated, ConversationLimits.DEFAULT)
                .given(history)
                .when(new ResealConversationKeys(CONVERSATION))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        resealed(rotated, ALICE, "alice"), resealed(rotated, BOB, "bob"),
                        resealed(rotated, CAROL, "carol"), andNoMore())))
                .expectEventsMatching(noEventContains(plaintextMarkers("alice", "bob", "carol")));

        // until the job has run everywhere, what the old key sealed still opens
        assertThat(opensTo(rotated, bobsOldSeal, BOB, keysOf("bob"))).isTrue();
    }

    @Test
    void resealing_keys_already_under_the_current_key_changes_nothing() {
        fixture.given(groupOfThreeSealedWith(vault))
                .when(new ResealConversationKeys(CONVERSATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void only_keys_under_an_older_key_are_resealed() {
        KeyVault rotated = new KeyVault(ConversationTesting.newVaultKey(), List.of(oldVaultKey));
        List<Object> history = groupOfThreeSealedWith(vault);
        history.add(keysSet(rotated, BOB, "bob-rotated")); // Bob set new keys after the rotation

        fixtureWith(rotated, ConversationLimits.DEFAULT)
                .given(history)
                .when(new ResealConversationKeys(CONVERSATION))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        resealed(rotated, ALICE, "alice"), resealed(rotated, CAROL, "carol"), andNoMore())));
    }

    @Test
    void the_keys_of_members_who_left_are_gone_and_not_resealed() {
        KeyVault rotated = new KeyVault(ConversationTesting.newVaultKey(), List.of(oldVaultKey));
        List<Object> history = groupOfThreeSealedWith(vault);
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        fixtureWith(rotated, ConversationLimits.DEFAULT)
                .given(history)
                .when(new ResealConversationKeys(CONVERSATION))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        resealed(rotated, ALICE, "alice"), resealed(rotated, CAROL, "carol"), andNoMore())));
    }

    private static org.hamcrest.Matcher<Object> resealed(KeyVault rotated, UUID member, String owner) {
        return event(ConversationKeysResealed.class, e -> e.conversationId().equals(CONVERSATION)
                && e.userId().equals(member) && e.resealedAt().equals(NOW_IN_MICROS)
                && rotated.isSealedWithCurrentKey(e.keys().sealedPublicKey())
                && rotated.isSealedWithCurrentKey(e.keys().sealedPrivateKey())
                && opensTo(rotated, e.keys(), member, keysOf(owner)));
    }
}
