package io.courier.gateway.conversation;

import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.ResealConversationKeys;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.api.conversation.StartPrivateConversation;
import io.courier.api.conversation.StartedConversation;
import io.courier.api.message.DeleteMessageGroup;
import io.courier.api.message.EditMessageGroup;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.conversation.ConversationEventSource;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.conversation.EventStoreConversationEvents;
import io.courier.command.conversation.JdbcConversationEvents;
import io.courier.command.conversation.Roster;
import io.courier.command.message.MessageGroupIds;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The command side of conversations and message groups on the real PostgreSQL, through the gateway's command
 * bus (with its retry scheduler), without REST: the JDBC registries, the roster reader on the real event store
 * and snapshots, and the race of two copies of one post.
 */
@CourierIntegrationTest
class ConversationCommandSideTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventStore eventStore;
    @Autowired
    Serializer serializer;
    @Autowired
    org.axonframework.config.Configuration axon;

    /** A user as the command side knows it: a claimed email (the account itself is not needed here). */
    private UUID user() {
        UUID userId = UUID.randomUUID();
        jdbc.update("INSERT INTO email_registry (email, user_id) VALUES (?, ?)", uniqueEmail(), userId);
        return userId;
    }

    private static KeyPair keysOf(String owner) {
        return new KeyPair("{\"kty\":\"RSA\",\"n\":\"" + owner + "-public-modulus\",\"e\":\"AQAB\"}",
                "\"" + owner + "-wrapped-private-key\"");
    }

    private <R> R send(Object command) {
        return commands.sendAndWait(command);
    }

    private RejectionDetails rejectionOf(Object command) {
        Throwable failure = catchThrowable(() -> send(command));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof RejectionDetails details) {
                return details;
            }
        }
        throw new AssertionError("not a rejection: " + failure, failure);
    }

    private UUID readyGroup(UUID... members) {
        UUID conversationId = UUID.randomUUID();
        send(new StartGroupConversation(conversationId, members[0], Set.of(members), null, keysOf("creator")));
        for (int i = 1; i < members.length; i++) {
            send(new SetConversationKeys(conversationId, members[i], keysOf("member-" + i)));
        }
        return conversationId;
    }

    private static Map<UUID, String> ciphertextsFor(UUID... recipients) {
        Map<UUID, String> ciphertexts = new HashMap<>();
        for (UUID recipient : recipients) {
            ciphertexts.put(recipient, "ciphertext-for-" + recipient);
        }
        return ciphertexts;
    }

    private List<String> storedPayloads(UUID aggregateId) {
        return jdbc.queryForList("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?
                        UNION ALL
                        SELECT convert_from(payload, 'UTF8') FROM snapshotevententry WHERE aggregateidentifier = ?""",
                String.class, aggregateId.toString(), aggregateId.toString());
    }

    // --- private conversations

    @Test
    void a_private_conversation_is_claimed_once_per_pair_and_the_second_user_joins_by_starting_it() {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = UUID.randomUUID();

        StartedConversation first = send(new StartPrivateConversation(conversationId, alice, bob, keysOf("alice")));
        StartedConversation second = send(new StartPrivateConversation(UUID.randomUUID(), bob, alice, keysOf("bob")));

        assertThat(first).isEqualTo(new StartedConversation(conversationId, true));
        assertThat(second).isEqualTo(new StartedConversation(conversationId, false));
        assertThat(jdbc.queryForList("""
                        SELECT conversation_id FROM private_conversation_registry
                        WHERE (user_low = ? AND user_high = ?) OR (user_low = ? AND user_high = ?)""",
                UUID.class, alice, bob, bob, alice)).containsExactly(conversationId);
        assertThat(jdbc.queryForList("""
                        SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber""",
                String.class, conversationId.toString())).containsExactly("conversation.PrivateConversationStarted",
                "conversation.ConversationKeysSet", "conversation.ConversationKeysSet");
    }

    @Test
    void two_users_starting_their_private_conversation_at_the_same_moment_get_one() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID alice = user();
                UUID bob = user();
                CountDownLatch start = new CountDownLatch(1);
                Future<StartedConversation> byAlice = clients.submit(() -> {
                    start.await();
                    return send(new StartPrivateConversation(UUID.randomUUID(), alice, bob, keysOf("alice")));
                });
                Future<StartedConversation> byBob = clients.submit(() -> {
                    start.await();
                    return send(new StartPrivateConversation(UUID.randomUUID(), bob, alice, keysOf("bob")));
                });
                start.countDown();

                StartedConversation a = byAlice.get(20, TimeUnit.SECONDS);
                StartedConversation b = byBob.get(20, TimeUnit.SECONDS);
                assertThat(a.conversationId()).isEqualTo(b.conversationId());
                assertThat(List.of(a.created(), b.created())).containsExactlyInAnyOrder(true, false);
                assertThat(jdbc.queryForObject("""
                                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                                AND payloadtype = 'conversation.ConversationKeysSet'""", Integer.class,
                        a.conversationId().toString())).isEqualTo(2);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void users_without_an_account_are_named() {
        UUID alice = user();
        UUID ghost = UUID.randomUUID();

        RejectionDetails rejection = rejectionOf(new StartGroupConversation(UUID.randomUUID(), alice,
                Set.of(user(), ghost), null, keysOf("alice")));

        assertThat(rejection.code()).isEqualTo(RejectionCode.UNKNOWN_USERS);
        assertThat(rejection.details()).containsEntry("unknownUserIds", List.of(ghost.toString()));
    }

    @Test
    void an_unknown_conversation_is_not_found() {
        assertThat(rejectionOf(new MarkConversationRead(UUID.randomUUID(), user())).code())
                .isEqualTo(RejectionCode.NOT_FOUND);
        assertThat(rejectionOf(new ResealConversationKeys(UUID.randomUUID())).code())
                .isEqualTo(RejectionCode.NOT_FOUND);
        assertThat(rejectionOf(new DeleteMessageGroup(UUID.randomUUID(), UUID.randomUUID(), user())).code())
                .isEqualTo(RejectionCode.NOT_FOUND);
    }

    // --- every command reaches its handler with the beans it needs

    @Test
    void a_group_goes_through_every_command_and_no_key_is_stored_in_clear() {
        UUID alice = user();
        UUID bob = user();
        UUID carol = user();
        UUID conversationId = readyGroup(alice, bob);

        send(new ChangeConversationAlias(conversationId, bob, "Book club"));
        send(new AddConversationMembers(conversationId, alice, Set.of(carol)));
        RejectionDetails notReady = rejectionOf(new PostMessageGroup(conversationId, alice, "m-1",
                ciphertextsFor(alice, bob, carol)));
        assertThat(notReady.code()).isEqualTo(RejectionCode.CONVERSATION_NOT_READY);
        assertThat(notReady.details()).containsEntry("membersWithoutKeys", List.of(carol.toString()));

        send(new SetConversationKeys(conversationId, carol, keysOf("carol")));
        PostedMessageGroup posted = send(new PostMessageGroup(conversationId, alice, "m-1",
                ciphertextsFor(alice, bob, carol)));
        send(new EditMessageGroup(posted.messageGroupId(), conversationId, alice, ciphertextsFor(alice, bob, carol)));
        send(new MarkConversationRead(conversationId, bob));
        send(new ResealConversationKeys(conversationId)); // all sealed under the current key: nothing to do
        send(new DeleteMessageGroup(posted.messageGroupId(), conversationId, alice));
        send(new LeaveConversation(conversationId, carol));

        assertThat(posted.messageGroupId()).isEqualTo(MessageGroupIds.of(conversationId, alice, "m-1"));
        assertThat(posted.sentAt()).isEqualTo(posted.sentAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(jdbc.queryForList("""
                        SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber""",
                String.class, posted.messageGroupId().toString())).containsExactly("message.MessageGroupPosted",
                "message.MessageGroupEdited", "message.MessageGroupDeleted");
        String stored = String.join("\n", storedPayloads(conversationId));
        assertThat(stored).contains("\"sealedPrivateKey\":\"v1.");
        for (String owner : List.of("creator", "member-1", "carol")) {
            assertThat(stored).doesNotContain(owner + "-public-modulus").doesNotContain(owner + "-wrapped-private-key");
        }
    }

    // --- posting

    @Test
    void a_retried_post_answers_the_first_result_and_stores_one_group() {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = readyGroup(alice, bob);
        PostMessageGroup post = new PostMessageGroup(conversationId, alice, "retry-me", ciphertextsFor(alice, bob));

        PostedMessageGroup first = send(post);
        PostedMessageGroup retried = send(post);

        assertThat(retried).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, first.messageGroupId().toString())).isEqualTo(1);
    }

    @Test
    void copies_of_one_post_sent_at_once_all_answer_the_same_group() throws Exception {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = readyGroup(alice, bob);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                PostMessageGroup post = new PostMessageGroup(conversationId, alice, "burst-" + round,
                        ciphertextsFor(alice, bob));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<PostedMessageGroup>> answers = new ArrayList<>();
                for (int copy = 0; copy < 8; copy++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return send(post);
                    }));
                }
                start.countDown();

                PostedMessageGroup first = answers.get(0).get(20, TimeUnit.SECONDS);
                for (Future<PostedMessageGroup> answer : answers) {
                    assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(first);
                }
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                        Integer.class, first.messageGroupId().toString())).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Another process is committing the same post's group while this one decides: this one finds no group,
     * appends, waits on the unique key, loses when the other commits, is retried by the gateway and then
     * answers the other's group.
     */
    @Test
    void a_post_that_loses_the_race_to_another_process_is_retried_and_answers_the_winner() throws Exception {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = readyGroup(alice, bob);
        PostMessageGroup post = new PostMessageGroup(conversationId, alice, "raced", ciphertextsFor(alice, bob));
        UUID groupId = MessageGroupIds.of(conversationId, alice, "raced");
        Instant winnersSentAt = Instant.parse("2026-11-26T10:00:00.123456Z");

        try (Connection otherProcess = dataSource.getConnection()) {
            otherProcess.setAutoCommit(false);
            appendFirstEvent(otherProcess, groupId, new MessageGroupPosted(groupId, conversationId, alice, "raced",
                    ciphertextsFor(alice, bob), winnersSentAt));
            CompletableFuture<PostedMessageGroup> loser = CompletableFuture.supplyAsync(() -> send(post));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted", Integer.class) > 0);
            otherProcess.commit();

            assertThat(loser.get(20, TimeUnit.SECONDS)).isEqualTo(new PostedMessageGroup(groupId, winnersSentAt));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, groupId.toString())).isEqualTo(1);
    }

    private void appendFirstEvent(Connection connection, UUID aggregateId, Object payload) throws Exception {
        SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, 'MessageGroup', ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, aggregateId.toString());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, serialized.getData());
            insert.setString(5, serialized.getType().getRevision());
            insert.setString(6, serialized.getType().getName());
            insert.setString(7, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    // --- the roster reader on the real event store

    @Test
    void a_post_reads_the_conversations_new_events_and_its_groups_first_event_in_one_query() {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = readyGroup(alice, bob);
        PostedMessageGroup posted = send(new PostMessageGroup(conversationId, alice, "read-along",
                ciphertextsFor(alice, bob)));
        JdbcConversationEvents events = new JdbcConversationEvents(eventStore, dataSource,
                axon::eventSerializer, axon::upcasterChain);

        ConversationEventSource.WithFirstOf read = events.eventsAfterWithFirstOf(conversationId, 0,
                posted.messageGroupId().toString());

        assertThat(read.otherRead()).isTrue();
        assertThat(read.firstOfOther()).isInstanceOfSatisfying(MessageGroupPosted.class, first -> {
            assertThat(first.messageGroupId()).isEqualTo(posted.messageGroupId());
            assertThat(first.sentAt()).isEqualTo(posted.sentAt());
        });
        assertThat(read.events()).extracting(ConversationEventSource.Sequenced::sequenceNumber)
                .containsExactlyElementsOf(eventStore.readEvents(conversationId.toString(), 1).asStream()
                        .map(message -> message.getSequenceNumber()).toList())
                .isNotEmpty();
        assertThat(read.events()).extracting(ConversationEventSource.Sequenced::payload)
                .allSatisfy(payload -> assertThat(payload).isNotInstanceOf(MessageGroupPosted.class));

        ConversationEventSource.WithFirstOf nothingNew = events.eventsAfterWithFirstOf(conversationId,
                read.events().get(read.events().size() - 1).sequenceNumber(), UUID.randomUUID().toString());
        assertThat(nothingNew.events()).isEmpty();
        assertThat(nothingNew.otherRead()).isTrue();
        assertThat(nothingNew.firstOfOther()).isNull();
    }

    @Test
    void the_roster_reader_starts_from_the_conversations_snapshot() {
        UUID alice = user();
        UUID bob = user();
        UUID conversationId = readyGroup(alice, bob);
        for (int i = 0; i < 110; i++) {
            send(new MarkConversationRead(conversationId, i % 2 == 0 ? alice : bob));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class,
                conversationId.toString()) > 0);
        EventStoreConversationEvents store = new EventStoreConversationEvents(eventStore);
        AtomicLong firstSequenceRead = new AtomicLong(-1);
        ConversationEventSource watched = (id, after) -> {
            List<ConversationEventSource.Sequenced> events = store.eventsAfter(id, after);
            if (after < 0 && !events.isEmpty()) {
                firstSequenceRead.set(events.get(0).sequenceNumber());
                assertThat(events.get(0).payload()).isInstanceOf(Roster.class);
            }
            return events;
        };

        Roster roster = new ConversationRosters(watched, 1_000, Duration.ofMinutes(1)).current(conversationId);

        assertThat(roster.memberIds()).containsExactly(alice, bob);
        assertThat(roster.isReady()).isTrue();
        assertThat(firstSequenceRead.get()).isGreaterThanOrEqualTo(99);
        String snapshot = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM snapshotevententry WHERE aggregateidentifier = ?
                ORDER BY sequencenumber DESC LIMIT 1""", String.class, conversationId.toString());
        assertThat(snapshot).contains(alice.toString()).doesNotContain("creator-wrapped-private-key");
    }
}
