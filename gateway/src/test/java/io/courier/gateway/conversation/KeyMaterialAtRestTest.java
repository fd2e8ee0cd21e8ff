package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;
import io.courier.vault.VaultException;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.conversation.Moments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What someone reading the database directly finds of conversation keys: only sealed values. */
@CourierIntegrationTest
class KeyMaterialAtRestTest {

    /** Every table the conversation and message projections write. */
    static final List<String> READ_MODEL_TABLES = List.of(
            "conversation_view", "conversation_member_view", "message_copy_view", "conversation_activity_view");

    @Autowired
    ApplicationContext context;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventBus eventBus;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KeyVault vault;

    @Test
    void no_read_model_or_stored_event_holds_a_key_in_clear_yet_members_get_theirs_back() {
        Map<String, UUID> users = new Accounts(eventBus, jdbc).registerNamed("Ann", "Bob");
        UUID ann = users.get("Ann");
        UUID bob = users.get("Bob");
        UUID conversationId = UUID.randomUUID();
        Keys keys = new Keys(vault);
        ConversationKeysSet annKeys = keys.set(conversationId, ann, 1, at(1));
        ConversationKeysSet bobKeys = keys.set(conversationId, bob, 1, at(2));
        // through the event store and the real "conversations" processor
        eventBus.publish(List.of(
                GenericEventMessage.asEventMessage(new GroupConversationStarted(conversationId, ann, List.of(ann, bob), null, at(0))),
                GenericEventMessage.asEventMessage(annKeys), GenericEventMessage.asEventMessage(bobKeys)));
        ReadSide readSide = new ReadSide(context, queryGateway);
        await().atMost(Duration.ofSeconds(20)).until(() -> readSide.find(conversationId, ann) != null
                && readSide.find(conversationId, ann).ready());

        String everything = String.join("\n", storedText(conversationId));

        for (UUID member : List.of(ann, bob)) {
            assertThat(everything)
                    .doesNotContain(Keys.privateKey(conversationId, member, 1))
                    .doesNotContain(Keys.publicKey(conversationId, member, 1))
                    .doesNotContain("private-" + conversationId);
        }
        assertThat(jdbc.queryForList("""
                        SELECT sealed_private_key FROM conversation_member_view WHERE conversation_id = ?""",
                String.class, conversationId))
                .hasSize(2).allSatisfy(sealed -> assertThat(sealed).startsWith("v1." + vault.currentKeyId() + "."));
        assertThat(readSide.find(conversationId, ann).privateKey()).isEqualTo(Keys.privateKey(conversationId, ann, 1));
        assertThat(readSide.find(conversationId, bob).privateKey()).isEqualTo(Keys.privateKey(conversationId, bob, 1));
    }

    @Test
    void a_sealed_key_copied_to_another_member_s_row_does_not_open() {
        UUID conversationId = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        UUID mallory = UUID.randomUUID();
        String annsSealedPrivateKey = new Keys(vault).seal(conversationId, ann, 1).sealedPrivateKey();

        assertThat(vault.open(annsSealedPrivateKey, SealingContexts.conversationPrivateKey(conversationId, ann)))
                .isEqualTo(Keys.privateKey(conversationId, ann, 1));
        assertThatThrownBy(() -> vault.open(annsSealedPrivateKey, SealingContexts.conversationPrivateKey(conversationId, mallory)))
                .isInstanceOf(VaultException.class);
    }

    /** The rows of every read-model table about this conversation, and every stored event's payload, as text. */
    private List<String> storedText(UUID conversationId) {
        List<String> text = new ArrayList<>();
        for (String table : READ_MODEL_TABLES) {
            text.addAll(jdbc.queryForList("SELECT CAST(t AS text) FROM " + table + " t WHERE conversation_id = ?",
                    String.class, conversationId));
        }
        text.addAll(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype LIKE 'conversation.%'",
                String.class));
        assertThat(text).anySatisfy(row -> assertThat(row).contains(conversationId.toString()));
        return text;
    }
}
