package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.MessagePage;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.vault.KeyVault;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.courier.gateway.conversation.Messages.deleted;
import static io.courier.gateway.conversation.Messages.edited;
import static io.courier.gateway.conversation.Messages.posted;
import static io.courier.gateway.conversation.Moments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The conversation and message read models are disposable: dropped and replayed from the event store, they answer the same. */
@CourierIntegrationTest
class ConversationReadModelRebuildTest {

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
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void dropping_the_read_models_and_replaying_the_event_store_gives_the_same_answers() {
        Map<String, UUID> users = new Accounts(eventBus, jdbc).registerNamed("Ann", "Bob", "Carol", "Dave");
        UUID ann = users.get("Ann");
        UUID bob = users.get("Bob");
        UUID carol = users.get("Carol");
        UUID dave = users.get("Dave");
        UUID group = UUID.randomUUID();
        UUID pair = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        Keys keys = new Keys(vault);
        MessageGroupPosted first = posted(group, ann, at(10), ann, bob, carol);
        MessageGroupPosted second = posted(group, bob, at(11), ann, bob, carol);
        MessageGroupPosted third = posted(group, carol, at(12), ann, bob, carol);
        MessageGroupPosted privately = posted(pair, ann, at(13), ann, dave);
        MessageGroupPosted last = posted(group, dave, at(20), ann, bob, dave);
        ConversationRead lastConversationEvent = new ConversationRead(group, ann, at(21));
        store(new GroupConversationStarted(group, ann, List.of(ann, bob, carol), "Plans", at(0)),
                keys.set(group, ann, 1, at(1)), keys.set(group, bob, 1, at(2)), keys.set(group, carol, 1, at(3)),
                new PrivateConversationStarted(pair, dave, ann, at(4)), keys.set(pair, dave, 1, at(5)),
                new GroupConversationStarted(closed, bob, List.of(bob, carol), null, at(6)),
                new ConversationMemberLeft(closed, bob, at(7)), new ConversationMemberLeft(closed, carol, at(8)),
                new ConversationClosed(closed, at(8)),
                first, second, third, privately, edited(first, 2, at(14)), deleted(second, at(15)),
                new ConversationRead(group, bob, at(12)), new ConversationAliasChanged(group, carol, "Trip", at(16)),
                new ConversationMembersAdded(group, ann, List.of(dave), at(17)), keys.set(group, ann, 2, at(18)),
                new ConversationMemberLeft(group, carol, at(19)), last, lastConversationEvent);
        ReadSide readSide = new ReadSide(context, queryGateway);
        List<UUID> everyone = List.of(ann, bob, carol, dave);
        await().atMost(Duration.ofSeconds(30)).until(() -> readSide.find(group, ann) != null
                && readSide.find(group, ann).readTimes().containsKey(ann)
                && readSide.newest(group, ann, 1).items().size() == 1
                && readSide.newest(group, ann, 1).items().get(0)
                .messageGroupId().equals(last.messageGroupId()));
        String before = answers(readSide, everyone, List.of(group, pair, closed));
        assertThat(before).contains("Trip").contains(Keys.privateKey(group, ann, 2)).contains("ciphertext-v2");

        StreamingEventProcessor conversations = processor("conversations");
        StreamingEventProcessor messages = processor("messages");
        conversations.shutDown();
        messages.shutDown();
        jdbc.update("UPDATE conversation_view SET alias = 'damaged'");
        jdbc.update("DELETE FROM conversation_member_view WHERE conversation_id = ?", group);
        jdbc.update("DELETE FROM message_copy_view WHERE conversation_id = ?", group);
        jdbc.update("UPDATE conversation_activity_view SET last_message_at = now()");
        conversations.resetTokens();
        messages.resetTokens();
        conversations.start();
        messages.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(answers(readSide, everyone, List.of(group, pair, closed))).isEqualTo(before));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_view WHERE alias = 'damaged'", Integer.class))
                .isZero();
    }

    /** Everything each user can ask about these conversations, as one text. */
    private static String answers(ReadSide readSide, List<UUID> users, List<UUID> conversationIds) {
        StringBuilder answers = new StringBuilder();
        for (UUID user : users) {
            answers.append("list ").append(user).append(": ").append(readSide.list(user)
                    .stream().filter(summary -> conversationIds.contains(summary.conversationId())).toList()).append('\n');
            for (UUID other : users) {
                answers.append("private ").append(user).append('/').append(other).append(": ")
                        .append(detail(readSide.findPrivate(user, other))).append('\n');
            }
            for (UUID conversationId : conversationIds) {
                answers.append("find ").append(conversationId).append(" as ").append(user).append(": ")
                        .append(detail(readSide.find(conversationId, user))).append('\n');
                MessagePage page = readSide.newest(conversationId, user, 2);
                while (page != null) {
                    answers.append("history: ").append(page).append('\n');
                    page = page.nextPageToken() == null ? null : readSide.older(conversationId, user, page.nextPageToken(), 2);
                }
            }
        }
        return answers.toString();
    }

    private static String detail(ConversationDetailView detail) {
        return detail == null ? "none" : List.of(detail.conversationId(), detail.isPrivate(), String.valueOf(detail.alias()),
                detail.members(), new TreeMap<>(detail.readTimes()), new TreeMap<>(detail.publicKeys()),
                String.valueOf(detail.privateKey()), detail.ready(), detail.membersWithoutKeys()).toString();
    }

    private void store(Object... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(GenericEventMessage.asEventMessage(event));
        }
        eventBus.publish(messages);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
