package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.StandaloneServer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post decides on the conversation's cached roster without reading the store, on the condition that the
 * conversation has no event after it. Here another process's change is put straight into the store, where this
 * process sees it only at its next poll (10 s away), so the post meets a roster that is certainly behind.
 */
class PostOnStaleRosterTest {

    @TempDir
    static Path dataDirectory;
    static ConfigurableApplicationContext node;
    static ApiClient api;

    @BeforeAll
    static void start() {
        node = StandaloneServer.start("--server.port=0", "--courier.event-store.fetch-delay=10s",
                "--courier.embedded-database.directory=" + dataDirectory.resolve("postgres"));
        api = StandaloneServer.client(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void a_post_the_stale_roster_would_take_is_not_stored_but_refused_on_what_the_store_holds() {
        StaleRoster stale = bobLeftThroughAnotherProcess();
        ChatClient ada = stale.ada();

        ada.post("/api/conversations/" + stale.conversation() + "/messages", Map.of("clientMessageId", "still-to-bob",
                        "encryptedMessages", Map.of(ada.id().toString(), "for ada", stale.bob().id().toString(), "for bob")))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("recipients_mismatch");
        assertThat(node.getBean(JdbcTemplate.class).queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype = 'message.MessageGroupPosted'
                AND convert_from(payload, 'UTF8') LIKE '%still-to-bob%'""", Integer.class)).isZero();
    }

    @Test
    void a_post_the_stale_roster_would_refuse_is_taken_on_what_the_store_holds() {
        StaleRoster stale = bobLeftThroughAnotherProcess();

        Chats.post(stale.ada(), stale.conversation(), List.of(stale.ada()), "only Ada is left");
    }

    private record StaleRoster(ChatClient ada, ChatClient bob, UUID conversation) {
    }

    /** Ada and Bob's group, whose roster this process has cached; then Bob leaves through another process. */
    private static StaleRoster bobLeftThroughAnotherProcess() {
        ChatClient ada = ChatClient.signUp(api.http(), "Ada");
        ChatClient bob = ChatClient.signUp(api.http(), "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        Chats.post(ada, conversation, List.of(ada, bob), "the roster is cached");
        storedByAnotherProcess(conversation, new ConversationMemberLeft(conversation, bob.id(), Instant.now()));
        return new StaleRoster(ada, bob, conversation);
    }

    /** Appended past this process's event bus: neither its roster cache nor its real-time tail hears of it. */
    private static void storedByAnotherProcess(UUID conversation, Object event) {
        long last = node.getBean(JdbcTemplate.class).queryForObject(
                "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                conversation.toString());
        node.getBean(EventStorageEngine.class).appendEvents(
                new GenericDomainEventMessage<>("Conversation", conversation.toString(), last + 1, event));
    }
}
