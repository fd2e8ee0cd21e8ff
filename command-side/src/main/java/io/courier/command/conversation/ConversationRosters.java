package io.courier.command.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current {@link Roster} of a conversation, for deciding on messages without the {@link Conversation}
 * aggregate: no lock is taken, so senders in one conversation don't wait for each other, and its history is
 * not read. Each conversation's roster is cached with the sequence number of the last event folded into it;
 * every use first reads the events stored since (usually none, one indexed query), so a decision is never
 * made on a roster older than the committed events, whichever Courier process appended them.
 * <p>
 * A post may also decide on the cached roster without reading ({@link #cached}), provided its append is
 * refused when the conversation's stream has moved on since ({@code StreamUnchanged}). Events this process
 * commits itself are folded in as they commit ({@link #committed}), so such appends are rarely refused.
 * <p>
 * Thread-safe and lock-free: concurrent readers may fold the same new events, and the furthest roster wins.
 * Cached rosters hold no key material (see {@link Roster#withoutKeyMaterial()}); the cache is bounded in
 * members and idle time.
 */
public final class ConversationRosters {

    private static final RosterAsOf NOTHING = new RosterAsOf(Roster.NONE, -1);

    private final ConversationEventSource events;
    private final Cache<UUID, RosterAsOf> known;

    /**
     * @param capacity most members of all cached rosters together (each roster also counts one for itself)
     * @param idle     how long a roster nobody asked for stays cached
     */
    public ConversationRosters(ConversationEventSource events, long capacity, Duration idle) {
        this.events = events;
        this.known = Caffeine.newBuilder()
                .maximumWeight(capacity)
                .<UUID, RosterAsOf>weigher((conversationId, entry) -> 1 + entry.roster().memberIds().size())
                .expireAfterAccess(idle)
                .build();
    }

    /** The roster as of the latest stored event; {@link Roster#NONE} for a conversation that doesn't exist. */
    public Roster current(UUID conversationId) {
        RosterAsOf cached = known.getIfPresent(conversationId);
        RosterAsOf fresh = caughtUp(conversationId, cached);
        if (fresh == null) {
            return Roster.NONE; // not cached: probing unknown ids fills nothing
        }
        remember(conversationId, cached, fresh);
        return fresh.roster();
    }

    /**
     * {@link #current} and, in the same read when the roster is cached, the first event of another
     * aggregate: what a post needs to decide, in one round trip (see
     * {@link ConversationEventSource#eventsAfterWithFirstOf}).
     */
    public RosterWithFirstOf currentWithFirstEventOf(UUID conversationId, String otherAggregateId) {
        RosterAsOf cached = known.getIfPresent(conversationId);
        if (cached == null) {
            return new RosterWithFirstOf(current(conversationId), false, null);
        }
        ConversationEventSource.WithFirstOf read =
                events.eventsAfterWithFirstOf(conversationId, cached.sequenceNumber(), otherAggregateId);
        RosterAsOf fresh = folded(cached, read.events());
        remember(conversationId, cached, fresh);
        return new RosterWithFirstOf(fresh.roster(), read.otherRead(), read.firstOfOther());
    }

    /** @see ConversationEventSource.WithFirstOf */
    public record RosterWithFirstOf(Roster roster, boolean otherRead, Object firstOfOther) {
    }

    /**
     * The cached roster, as of the sequence number of the last event folded into it, without reading: it may be
     * behind the event store. Empty when the conversation's roster is not cached.
     */
    public Optional<RosterAsOf> cached(UUID conversationId) {
        return Optional.ofNullable(known.getIfPresent(conversationId));
    }

    /** A roster and the sequence number of the conversation's last event folded into it. */
    public record RosterAsOf(Roster roster, long sequenceNumber) {
    }

    /**
     * Folds events of the conversation that this process has just committed, oldest first, into its cached
     * roster, if they directly follow it; otherwise (not cached, or events in between that this process did not
     * see) the next read catches up.
     */
    public void committed(UUID conversationId, List<ConversationEventSource.Sequenced> events) {
        if (events.isEmpty()) {
            return;
        }
        long first = events.get(0).sequenceNumber();
        known.asMap().computeIfPresent(conversationId, (id, cached) ->
                cached.sequenceNumber() == first - 1 ? folded(cached, events) : cached);
    }

    private void remember(UUID conversationId, RosterAsOf cached, RosterAsOf fresh) {
        if (fresh != cached) {
            known.asMap().merge(conversationId, fresh,
                    (other, mine) -> mine.sequenceNumber() >= other.sequenceNumber() ? mine : other);
        }
    }

    /** {@code cached} itself when nothing was stored since (the usual case), null when nothing ever was. */
    private RosterAsOf caughtUp(UUID conversationId, RosterAsOf cached) {
        RosterAsOf start = cached == null ? NOTHING : cached;
        List<ConversationEventSource.Sequenced> newer = events.eventsAfter(conversationId, start.sequenceNumber());
        return newer.isEmpty() ? cached : folded(start, newer);
    }

    private static RosterAsOf folded(RosterAsOf start, List<ConversationEventSource.Sequenced> newer) {
        if (newer.isEmpty()) {
            return start;
        }
        Roster roster = start.roster();
        long sequenceNumber = start.sequenceNumber();
        for (ConversationEventSource.Sequenced event : newer) {
            roster = event.payload() instanceof Roster snapshot ? snapshot : roster.apply(event.payload());
            sequenceNumber = event.sequenceNumber();
        }
        return new RosterAsOf(roster.withoutKeyMaterial(), sequenceNumber);
    }
}
