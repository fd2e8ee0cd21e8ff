package io.courier.gateway.axon;

import io.courier.api.conversation.ConversationRead;
import io.courier.command.eventsourcing.StreamUnchanged;
import io.courier.gateway.database.DatabaseConfiguration;
import io.courier.gateway.database.DatabaseUrl;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Posts commit their events in groups (EventGroupCommitter): many at once all land, each exactly once, a command
 * whose event collides fails alone and whole, a command whose condition is unmet fails the same way, and a
 * retried post still answers the first result.
 */
@CourierIntegrationTest
class GroupCommitTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventGroupCommitter committer;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    DatabaseUrl database;

    @Test
    void many_posts_at_once_are_all_stored_once() throws Exception {
        ChatClient ann = ChatClient.signUp(http, "Ann");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversationId = Chats.readyGroup(ann, bob);
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<CompletableFuture<UUID>> posts = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                posts.add(CompletableFuture.supplyAsync(() -> Chats.post(n % 2 == 0 ? ann : bob, conversationId,
                        List.of(ann, bob), "message " + n), clients));
            }
            List<UUID> groupIds = posts.stream().map(CompletableFuture::join).toList();

            assertThat(groupIds).doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ANY (?)",
                    Long.class, (Object) groupIds.stream().map(UUID::toString).toArray(String[]::new))).isEqualTo(120);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void more_rotations_at_once_than_pooled_connections_all_complete() {
        ApiClient api = new ApiClient(http);
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String email = ApiClient.uniqueEmail();
            api.register(email);
            refreshTokens.add(api.login(email).refreshToken());
        }
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            // each command holds a pooled connection while its events wait for the group commit
            List<CompletableFuture<String>> chains = refreshTokens.stream().map(first -> CompletableFuture.supplyAsync(() -> {
                String token = first;
                for (int rotation = 0; rotation < 5; rotation++) {
                    token = api.refreshOk(token).refreshToken();
                }
                return token;
            }, clients)).toList();

            assertThat(CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)))
                    .succeedsWithin(java.time.Duration.ofSeconds(60));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void the_same_post_sent_many_times_at_once_creates_one_group_and_answers_it_every_time() throws Exception {
        ChatClient ann = ChatClient.signUp(http, "Ann");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversationId = Chats.readyGroup(ann, bob);
        Map<String, String> copies = new LinkedHashMap<>();
        copies.put(ann.id().toString(), "hello for ann");
        copies.put(bob.id().toString(), "hello for bob");
        Map<String, Object> post = Map.of("clientMessageId", "retry-" + UUID.randomUUID(), "encryptedMessages", copies);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> ann.json(ann.post(
                        "/api/conversations/" + conversationId + "/messages", post).expectStatus().is2xxSuccessful())
                        .toString(), clients));
            }
            List<String> distinct = answers.stream().map(CompletableFuture::join).distinct().toList();

            assertThat(distinct).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = 'message.MessageGroupPosted'"
                    + " AND convert_from(payload, 'UTF8') LIKE ?", Long.class,
                    "%" + post.get("clientMessageId") + "%")).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void a_command_whose_event_collides_fails_whole_and_alone() throws Exception {
        String taken = "group-commit-" + UUID.randomUUID();
        committer.commit(List.of(row(taken, 0)), null).get(10, TimeUnit.SECONDS);
        String other = "group-commit-" + UUID.randomUUID();
        String innocent = "group-commit-" + UUID.randomUUID();

        // queued together, so they usually share a group: the collision must still fail only its own command
        CompletableFuture<Void> colliding = committer.commit(List.of(row(other, 0), row(taken, 0)), null);
        CompletableFuture<Void> fine = committer.commit(List.of(row(innocent, 0), row(innocent, 1)), null);

        assertThatThrownBy(() -> colliding.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(EventGroupCommitter.Conflict.class);
        fine.get(10, TimeUnit.SECONDS);
        assertThat(stored(other)).as("the colliding command's other event").isZero();
        assertThat(stored(taken)).isEqualTo(1);
        assertThat(stored(innocent)).isEqualTo(2);
    }

    @Test
    void events_conditional_on_an_unchanged_stream_go_in_only_while_it_has_no_later_event() throws Exception {
        String watched = "group-commit-" + UUID.randomUUID();
        committer.commit(List.of(row(watched, 0), row(watched, 1)), null).get(10, TimeUnit.SECONDS);
        String onCurrent = "group-commit-" + UUID.randomUUID();
        String onStale = "group-commit-" + UUID.randomUUID();
        String unconditional = "group-commit-" + UUID.randomUUID();

        CompletableFuture<Void> current = committer.commit(List.of(row(onCurrent, 0)), new StreamUnchanged(watched, 1));
        CompletableFuture<Void> stale = committer.commit(List.of(row(onStale, 0), row(onStale, 1)),
                new StreamUnchanged(watched, 0));
        CompletableFuture<Void> fine = committer.commit(List.of(row(unconditional, 0)), null);

        current.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(EventGroupCommitter.Conflict.class)
                .hasMessageContaining(watched + " has events after sequence number 0");
        fine.get(10, TimeUnit.SECONDS);
        assertThat(stored(onCurrent)).isEqualTo(1);
        assertThat(stored(onStale)).as("neither of the stale command's events").isZero();
        assertThat(stored(unconditional)).isEqualTo(1);
    }

    @Test
    void a_condition_on_a_stream_with_no_events_yet_holds_until_one_is_stored() throws Exception {
        String watched = "group-commit-" + UUID.randomUUID();
        String first = "group-commit-" + UUID.randomUUID();
        committer.commit(List.of(row(first, 0)), new StreamUnchanged(watched, -1)).get(10, TimeUnit.SECONDS);
        committer.commit(List.of(row(watched, 0)), null).get(10, TimeUnit.SECONDS);

        String second = "group-commit-" + UUID.randomUUID();
        assertThatThrownBy(() -> committer.commit(List.of(row(second, 0)), new StreamUnchanged(watched, -1))
                .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(EventGroupCommitter.Conflict.class);
        assertThat(stored(first)).isEqualTo(1);
        assertThat(stored(second)).isZero();
    }

    @Test
    void outside_a_group_a_condition_is_checked_in_the_append_s_own_transaction() throws Exception {
        String watched = UUID.randomUUID().toString();
        committer.commit(List.of(row(watched, 0), row(watched, 1)), null).get(10, TimeUnit.SECONDS);
        String onStale = UUID.randomUUID().toString();
        String onCurrent = UUID.randomUUID().toString();

        UnitOfWork<?> stale = DefaultUnitOfWork.startAndGet(null);
        try {
            new StreamUnchanged(watched, 0).requireOnCurrentUnitOfWork();
            assertThatThrownBy(() -> storage.appendEvents(readMarker(onStale))).isInstanceOf(ConcurrencyException.class);
        } finally {
            stale.rollback();
        }
        UnitOfWork<?> current = DefaultUnitOfWork.startAndGet(null);
        new StreamUnchanged(watched, 1).requireOnCurrentUnitOfWork();
        storage.appendEvents(readMarker(onCurrent));
        current.commit();

        assertThat(stored(onStale)).isZero();
        assertThat(stored(onCurrent)).isEqualTo(1);
    }

    private static GenericDomainEventMessage<ConversationRead> readMarker(String conversationId) {
        return new GenericDomainEventMessage<>("Conversation", conversationId, 0,
                new ConversationRead(UUID.fromString(conversationId), UUID.randomUUID(), Instant.now()));
    }

    @Test
    void a_lone_command_is_written_at_once_whatever_the_linger() throws Exception {
        try (EventGroupCommitter lingering = new EventGroupCommitter(
                DatabaseConfiguration.pool(database, "group-commit-test", 1), Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                String alone = "group-commit-" + UUID.randomUUID();

                // a linger applies only after a group of several: one command at a time never waits for company
                lingering.commit(List.of(row(alone, 0)), null).get(10, TimeUnit.SECONDS);

                assertThat(stored(alone)).isEqualTo(1);
            }
        }
    }

    private long stored(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateId);
    }

    // not an event any handler knows: processors skip payload types they have no handler for
    private static EventGroupCommitter.Row row(String aggregateId, long sequenceNumber) {
        return new EventGroupCommitter.Row(UUID.randomUUID().toString(), aggregateId, sequenceNumber, "GroupCommitTest",
                "2026-11-26T12:00:00Z", "test.GroupCommitProbe", null, "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
