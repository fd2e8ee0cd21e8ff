package io.courier.gateway.realtime.stream;

import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.FindConversation;
import io.courier.api.message.FindMessageHistory;
import io.courier.api.message.MessagePage;
import io.courier.api.message.MessageView;
import io.courier.command.conversation.ConversationRosters;
import io.courier.gateway.conversation.ConversationResponse;
import io.courier.gateway.conversation.KeyPairs;
import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.RouteIds;
import io.courier.gateway.realtime.notice.ServerNotices;
import io.courier.gateway.realtime.presence.PresenceFeed;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.tail.Cursor;
import io.courier.gateway.realtime.tail.Positions;
import io.courier.gateway.realtime.tail.StreamKey;
import io.courier.gateway.realtime.typing.TypingRelay;
import io.courier.gateway.web.Queries;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

/**
 * The three kinds of stream (request-stream): {@code system.general}, {@code user.{userId}} (one's own only)
 * and {@code conversation.{conversationId}} (members only; to anyone else it does not exist). Each may resume
 * after a cursor given as {@code {"after": ...}}.
 */
@Controller
class StreamRoutes {

    static final int FIRST_PAGE = 50;
    /** How long {@code joined} waits for the read models to reach where the stream's live delivery starts. */
    private static final Duration READ_MODEL_PATIENCE = Duration.ofSeconds(2);
    /** The read models trail the event store by moments: a conversation just joined may not be readable yet. */
    private static final int READ_MODEL_RETRIES = 40;
    private static final Duration READ_MODEL_RETRY = Duration.ofMillis(50);

    private final Streams streams;
    private final ConversationRosters rosters;
    private final Queries queries;
    private final KeyPairs keyPairs;
    private final TypingRelay typing;
    private final PresenceFeed presence;
    private final ReadModelPositions readModels;
    private final ServerNotices notices;

    StreamRoutes(Streams streams, ConversationRosters rosters, Queries queries, KeyPairs keyPairs, TypingRelay typing,
                 PresenceFeed presence, ReadModelPositions readModels, ServerNotices notices) {
        this.readModels = readModels;
        this.notices = notices;
        this.streams = streams;
        this.rosters = rosters;
        this.queries = queries;
        this.keyPairs = keyPairs;
        this.typing = typing;
        this.presence = presence;
    }

    @MessageMapping("system.general")
    Flux<Frame> system(@Payload(required = false) StreamRequest request, @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        return streams.open(caller, StreamKey.SYSTEM, Streams.after(request), SystemFrames.INSTANCE, stream -> {
            stream.hold(presence.listen(stream::push));
            stream.hold(notices.listen(stream::push));
            stream.hold(presence.state().subscribe(state -> stream.start(List.of(state)), stream::end));
        });
    }

    @MessageMapping("user.{userId}")
    Flux<Frame> user(@DestinationVariable String userId, @Payload(required = false) StreamRequest request,
                     @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        UUID streamOf = RouteIds.parse(userId, "User");
        if (!streamOf.equals(caller.userId())) {
            throw RealtimeError.of(RealtimeError.FORBIDDEN_STREAM, "A user stream is open to its own user only");
        }
        return streams.open(caller, StreamKey.user(streamOf), Streams.after(request), new UserFrames(streamOf),
                stream -> stream.start(List.of()));
    }

    @MessageMapping("conversation.{conversationId}")
    Flux<Frame> conversation(@DestinationVariable String conversationId, @Payload(required = false) StreamRequest request,
                             @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        UUID id = RouteIds.parse(conversationId, "Conversation");
        var after = Streams.after(request);
        ConversationFrames frames = new ConversationFrames(caller.userId());
        return isMember(id, caller.userId()).flatMapMany(member -> member
                ? streams.open(caller, StreamKey.conversation(id), after, frames, stream -> {
                    stream.hold(typing.listen(id, caller.userId(), stream::push));
                    // asked after subscribing to the tail, so that a leave in between ends the stream
                    GapAwareTrackingToken from = Cursor.decode(stream.startCursor()).orElse(Positions.START);
                    stream.hold(readModels.caughtUpWith(from, READ_MODEL_PATIENCE)
                            .then(joined(id, caller.userId()))
                            .subscribe(joined -> {
                                frames.inHistory(historyIds(joined));
                                stream.drop(frames::isInHistory);
                                stream.start(List.of(joined));
                            }, stream::end));
                })
                : Flux.error(RealtimeError.notFound("Conversation")));
    }

    private static Set<UUID> historyIds(Frame joined) {
        Payloads.Joined payload = (Payloads.Joined) joined.payload();
        return payload.history().items().stream().map(MessageView::messageGroupId).collect(Collectors.toSet());
    }

    /** The roster reader asks the event store over JDBC: off the connection's event loop. */
    private Mono<Boolean> isMember(UUID conversationId, UUID userId) {
        return Mono.fromCallable(() -> rosters.current(conversationId).isMember(userId))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Frame> joined(UUID conversationId, UUID userId) {
        Mono<Frame> fromReadModels = Mono.defer(() -> Mono.zip(
                        queries.ask(new FindConversation(conversationId, userId),
                                ResponseTypes.instanceOf(ConversationDetailView.class)),
                        queries.ask(new FindMessageHistory(conversationId, userId, null, FIRST_PAGE),
                                ResponseTypes.instanceOf(MessagePage.class))))
                .repeatWhenEmpty(READ_MODEL_RETRIES, attempts -> attempts.delayElements(READ_MODEL_RETRY))
                .map(found -> Frame.ephemeral("joined",
                        new Payloads.Joined(ConversationResponse.of(found.getT1(), keyPairs), found.getT2())));
        return isMember(conversationId, userId)
                .flatMap(member -> member ? fromReadModels : Mono.empty())
                .switchIfEmpty(Mono.error(() -> RealtimeError.notFound("Conversation")));
    }
}
