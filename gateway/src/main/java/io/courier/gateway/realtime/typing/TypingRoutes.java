package io.courier.gateway.realtime.typing;

import io.courier.command.conversation.ConversationRosters;
import io.courier.gateway.realtime.RouteIds;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.security.SessionWatch;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.UUID;

/**
 * {@code conversation.{id}.start_typing} and {@code .finish_typing}, fire-and-forget: members only, rate limited,
 * never stored. Anything not allowed is dropped silently (fire-and-forget has no answer to carry a refusal).
 */
@Controller
class TypingRoutes {

    private final ConversationRosters rosters;
    private final TypingRelay relay;
    private final TypingLimit limit;
    private final SessionWatch sessions;

    TypingRoutes(ConversationRosters rosters, TypingRelay relay, TypingLimit limit, SessionWatch sessions) {
        this.rosters = rosters;
        this.relay = relay;
        this.limit = limit;
        this.sessions = sessions;
    }

    @MessageMapping("conversation.{conversationId}.start_typing")
    Mono<Void> startTyping(@DestinationVariable String conversationId, @AuthenticationPrincipal Jwt token) {
        return typing(conversationId, token, true);
    }

    @MessageMapping("conversation.{conversationId}.finish_typing")
    Mono<Void> finishTyping(@DestinationVariable String conversationId, @AuthenticationPrincipal Jwt token) {
        return typing(conversationId, token, false);
    }

    private Mono<Void> typing(String route, Jwt token, boolean started) {
        Caller caller = Caller.of(token);
        sessions.check(caller);
        UUID conversationId = RouteIds.parse(route, "Conversation");
        if (!limit.allows(caller.userId())) {
            return Mono.empty();
        }
        // the roster reader asks the event store (JDBC): off the connection's event loop
        return Mono.fromRunnable(() -> {
            if (rosters.current(conversationId).isMember(caller.userId())) {
                relay.typing(conversationId, caller.userId(), started);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
