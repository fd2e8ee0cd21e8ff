package io.courier.command.eventsourcing;

import io.courier.api.common.AggregateCommand;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import io.courier.command.config.AggregateCommandTargetResolver;
import io.courier.command.config.RejectionDetailsInterceptor;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two processes on one event store, each with its own aggregate cache: a command decides on the cached
 * aggregate without reading the store, and no answer leaves that a stale aggregate decided.
 */
class CachedDecisionCheckTest {

    private final InMemoryEventStorageEngine database = new InMemoryEventStorageEngine();
    private final List<Node> nodes = new ArrayList<>();
    private final Node a = node(true);
    private final Node b = node(true);
    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void openOnA() {
        a.answer(new Open(id));                                 // A caches it at its first event
        a.reads.set(0);
    }

    @AfterEach
    void stop() {
        nodes.forEach(node -> node.events.shutDown());
    }

    @Test
    void an_append_to_a_cached_aggregate_reads_no_events() {
        assertThat(a.answer(new Add(id))).isEqualTo(1);
        assertThat(a.answer(new Add(id))).isEqualTo(2);

        assertThat(a.reads).hasValue(0);
        assertThat(sequenceNumbers(id)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void an_append_decided_on_a_stale_cache_is_refused_and_decided_again_on_fresh_state() {
        assertThat(b.answer(new Add(id))).isEqualTo(1);

        assertThat(causes(a.failure(new Add(id)))).hasAtLeastOneElementOfType(ConcurrencyException.class);
        assertThat(a.answer(new Add(id))).isEqualTo(2);      // the refusal dropped the cache entry

        assertThat(sequenceNumbers(id)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void a_rejection_decided_on_a_stale_cache_is_not_the_answer_and_is_decided_again() {
        b.answer(new Add(id));

        Throwable stale = a.failure(new Expect(id, 1));         // A's cached count is 0: it would reject

        assertThat(causes(stale)).hasAtLeastOneElementOfType(ConcurrencyException.class)
                .noneMatch(CommandRejectedException.class::isInstance)
                .noneMatch(cause -> cause instanceof CommandExecutionException execution
                        && execution.getDetails().isPresent());
        assertThat(a.answer(new Expect(id, 1))).isEqualTo(1);
    }

    @Test
    void a_rejection_decided_on_a_current_cache_stands_after_one_read() {
        Throwable rejection = a.failure(new Expect(id, 5));

        assertThat(rejection).isInstanceOfSatisfying(CommandExecutionException.class, execution ->
                assertThat(execution.getDetails()).get().isInstanceOfSatisfying(RejectionDetails.class,
                        details -> assertThat(details.code()).isEqualTo(RejectionCode.INVALID_REQUEST)));
        assertThat(a.reads).hasValue(1);
    }

    @Test
    void an_answer_that_only_reads_a_stale_cache_is_decided_again() {
        b.answer(new Add(id));
        b.answer(new Add(id));

        assertThat(causes(a.failure(new Read(id)))).hasAtLeastOneElementOfType(ConcurrencyException.class);
        assertThat(a.answer(new Read(id))).isEqualTo(2);
    }

    @Test
    void an_answer_that_only_reads_a_current_cache_stands_after_one_read() {
        assertThat(a.answer(new Read(id))).isEqualTo(0);
        assertThat(a.reads).hasValue(1);
    }

    @Test
    void a_cache_miss_reads_the_snapshot_and_the_events_and_nothing_more() {
        assertThat(b.answer(new Read(id))).isEqualTo(0);
        assertThat(b.answer(new Add(id))).isEqualTo(1);       // cached by now: no read

        assertThat(b.snapshotReads).hasValue(1);
        assertThat(b.reads).hasValue(1);
    }

    @Test
    void events_a_failing_command_applied_are_not_mistaken_for_another_process_s() {
        Throwable rejection = a.failure(new AddThenReject(id));

        assertThat(rejection).isInstanceOf(CommandExecutionException.class);
        assertThat(causes(rejection)).noneMatch(ConcurrencyException.class::isInstance);
        assertThat(a.answer(new Read(id))).isEqualTo(0);        // rolled back
    }

    @Test
    void a_handler_that_appends_to_one_aggregate_and_reads_another_has_the_one_it_read_confirmed() {
        UUID limit = UUID.randomUUID();
        a.answer(new Open(limit));
        a.answer(new Add(limit));                               // A caches the limit at 1
        b.answer(new Add(limit));                               // it is 2 now
        a.reads.set(0);

        // stale: 0 is below 1, so A adds to the target (its append would stand) on a limit it must confirm
        assertThat(causes(a.failure(new AddIfBelow(id, limit)))).hasAtLeastOneElementOfType(ConcurrencyException.class);
        assertThat(a.reads).hasValue(1);

        assertThat(a.answer(new AddIfBelow(id, limit))).isEqualTo(1);
        assertThat(sequenceNumbers(id)).containsExactly(0L, 1L);
    }

    @Test
    void a_command_sent_by_a_handler_is_confirmed_with_the_answer_of_the_command_that_sent_it() {
        b.answer(new Add(id));

        assertThat(causes(a.failure(new ReadThroughAnotherCommand(id))))
                .hasAtLeastOneElementOfType(ConcurrencyException.class);
        assertThat(a.answer(new ReadThroughAnotherCommand(id))).isEqualTo(1);
    }

    @Test
    void a_command_sent_from_an_event_handler_decides_on_an_up_to_date_aggregate() {
        b.answer(new Add(id));

        // as in an event processor: the root unit of work handles an event, nobody checks the answer later
        DefaultUnitOfWork<?> eventHandling = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        Object answer;
        try {
            answer = a.answer(new Expect(id, 1));
        } finally {
            eventHandling.commit();
        }
        assertThat(answer).isEqualTo(1);
    }

    @Test
    void without_the_check_a_cached_aggregate_is_brought_up_to_date_before_it_decides() {
        Node unchecked = node(false);
        assertThat(unchecked.answer(new Read(id))).isEqualTo(0);  // cached now
        b.answer(new Add(id));

        assertThat(unchecked.answer(new Expect(id, 1))).isEqualTo(1);
    }

    private Node node(boolean checked) {
        Node node = new Node(database, checked);
        nodes.add(node);
        return node;
    }

    private List<Long> sequenceNumbers(UUID aggregateId) {
        return database.readEvents(aggregateId.toString()).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    /** One process: its own cache and command bus, the interceptors registered as the command side does. */
    private static final class Node extends CountingStorage {

        final EmbeddedEventStore events;
        final CommandBus commands = SimpleCommandBus.builder().build();

        Node(EventStorageEngine database, boolean checked) {
            super(database);
            events = EmbeddedEventStore.builder().storageEngine(this).build();
            UpToDateCachingRepository<Tally> tallies = new UpToDateCachingRepository<>(
                    EventSourcingRepository.builder(Tally.class), new BoundedAggregateCache(100, Duration.ofHours(1)),
                    events, this);
            AggregateAnnotationCommandHandler.<Tally>builder().aggregateType(Tally.class).repository(tallies)
                    .commandTargetResolver(new AggregateCommandTargetResolver()).build().subscribe(commands);
            new AnnotationCommandHandlerAdapter<>(new TallyHandlers(tallies, commands)).subscribe(commands);
            commands.registerHandlerInterceptor(new RejectionDetailsInterceptor());
            if (checked) {
                commands.registerHandlerInterceptor(new CachedDecisionCheck());
            }
        }

        Object answer(Object command) {
            CommandResultMessage<?> result = send(commands, command);
            assertThat(result.optionalExceptionResult()).isEmpty();
            return result.getPayload();
        }

        Throwable failure(Object command) {
            CommandResultMessage<?> result = send(commands, command);
            assertThat(result.isExceptional()).as("%s failed", command).isTrue();
            return result.exceptionResult();
        }
    }

    private static CommandResultMessage<?> send(CommandBus commands, Object command) {
        FutureCallback<Object, Object> result = new FutureCallback<>();
        commands.dispatch(GenericCommandMessage.asCommandMessage(command), result);
        return result.getResult();
    }

    /**
     * The shared database as one process sees it: counts its reads of an aggregate's events and snapshots, and
     * refuses an event whose (aggregate, sequence number) is taken, as the unique key of the event table does.
     */
    private static class CountingStorage implements EventStorageEngine {

        private final EventStorageEngine database;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger snapshotReads = new AtomicInteger();

        CountingStorage(EventStorageEngine database) {
            this.database = database;
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain && database.lastSequenceNumberFor(
                        domain.getAggregateIdentifier()).filter(last -> last >= domain.getSequenceNumber()).isPresent()) {
                    throw new ConcurrencyException("sequence number " + domain.getSequenceNumber() + " is taken");
                }
            }
            database.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            database.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return database.readEvents(trackingToken, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            reads.incrementAndGet();
            return database.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            snapshotReads.incrementAndGet();
            return database.readSnapshot(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return database.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return database.createHeadToken();
        }
    }

    record Open(UUID targetId) implements AggregateCommand {
    }

    record Add(UUID targetId) implements AggregateCommand {
    }

    record Read(UUID targetId) implements AggregateCommand {
    }

    record Expect(UUID targetId, int count) implements AggregateCommand {
    }

    record AddThenReject(UUID targetId) implements AggregateCommand {
    }

    /** Handled outside the aggregate, loading two. */
    record AddIfBelow(UUID targetId, UUID limitId) {
    }

    /** Handled outside the aggregate, by sending a {@link Read}. */
    record ReadThroughAnotherCommand(UUID tallyId) {
    }

    record Opened(UUID tallyId) {
    }

    record Added(UUID tallyId) {
    }

    static class Tally {

        @AggregateIdentifier
        private UUID tallyId;
        private int count;

        Tally() {
        }

        @CommandHandler
        Tally(Open command) {
            apply(new Opened(command.targetId()));
        }

        @CommandHandler
        int handle(Add command) {
            apply(new Added(tallyId));
            return count;
        }

        @CommandHandler
        int handle(Read command) {
            return count;
        }

        @CommandHandler
        int handle(Expect command) {
            if (count != command.count()) {
                throw new CommandRejectedException(RejectionCode.INVALID_REQUEST, "The count is " + count);
            }
            return count;
        }

        @CommandHandler
        void handle(AddThenReject command) {
            apply(new Added(tallyId));
            throw new CommandRejectedException(RejectionCode.INVALID_REQUEST, "Added, then changed its mind");
        }

        int count() {
            return count;
        }

        @EventSourcingHandler
        void on(Opened event) {
            tallyId = event.tallyId();
        }

        @EventSourcingHandler
        void on(Added event) {
            count++;
        }
    }

    record TallyHandlers(Repository<Tally> tallies, CommandBus commands) {

        @CommandHandler
        int handle(AddIfBelow command) {
            int limit = tallies.load(command.limitId().toString()).invoke(Tally::count);
            return tallies.load(command.targetId().toString()).invoke(target ->
                    target.count() < limit ? target.handle(new Add(command.targetId())) : target.count());
        }

        @CommandHandler
        Object handle(ReadThroughAnotherCommand command) {
            return send(commands, new Read(command.tallyId())).getPayload();
        }
    }
}
