package io.courier.command.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Conversation events a test appends, for {@link ConversationRosters}; remembers what it was asked for. */
public class InMemoryConversationEvents implements ConversationEventSource {

    private final Map<UUID, List<Object>> streams = new ConcurrentHashMap<>();
    private final List<Long> askedAfter = new CopyOnWriteArrayList<>();
    private final List<Integer> answered = new CopyOnWriteArrayList<>();

    public InMemoryConversationEvents append(UUID conversationId, Object... events) {
        streams.computeIfAbsent(conversationId, id -> new CopyOnWriteArrayList<>()).addAll(List.of(events));
        return this;
    }

    @Override
    public List<Sequenced> eventsAfter(UUID conversationId, long afterSequence) {
        askedAfter.add(afterSequence);
        List<Object> stream = streams.getOrDefault(conversationId, List.of());
        List<Sequenced> newer = new ArrayList<>();
        for (int sequence = (int) afterSequence + 1; sequence < stream.size(); sequence++) {
            newer.add(new Sequenced(sequence, stream.get(sequence)));
        }
        answered.add(newer.size());
        return newer;
    }

    /** The {@code afterSequence} of each read, in order. */
    public List<Long> askedAfter() {
        return List.copyOf(askedAfter);
    }

    /** How many events each read returned, in order. */
    public List<Integer> answered() {
        return List.copyOf(answered);
    }
}
