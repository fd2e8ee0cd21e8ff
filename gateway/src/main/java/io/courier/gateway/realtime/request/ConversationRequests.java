package io.courier.gateway.realtime.request;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.api.conversation.StartPrivateConversation;
import io.courier.api.conversation.StartedConversation;
import io.courier.api.message.DeleteMessageGroup;
import io.courier.api.message.EditMessageGroup;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.ids.RandomIds;
import io.courier.gateway.conversation.KeyPairs;
import io.courier.gateway.realtime.RouteIds;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.security.SessionWatch;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;

/**
 * Conversations and messages over RSocket (request-response): the same commands REST sends, answered
 * {@code {"ok": true, ...}} or with the error frame of the same code REST would answer. No rule lives here.
 */
@Controller
class ConversationRequests {

    private final Commands commands;
    private final KeyPairs keyPairs;
    private final SessionWatch sessions;

    ConversationRequests(Commands commands, KeyPairs keyPairs, SessionWatch sessions) {
        this.commands = commands;
        this.keyPairs = keyPairs;
        this.sessions = sessions;
    }

    @MessageMapping("system.start_private_conversation")
    Mono<Map<String, Object>> startPrivate(@Valid @Payload Requests.StartPrivate request, @AuthenticationPrincipal Jwt token) {
        Caller caller = caller(token);
        return Mono.fromSupplier(() -> new StartPrivateConversation(RandomIds.uuid(), caller.userId(),
                        request.otherUserId(), keyPairs.fromRequest(request.publicKey(), request.privateKey())))
                .flatMap(commands::<StartedConversation>send)
                .map(started -> Answers.ok("conversationId", started.conversationId(), "created", started.created()));
    }

    @MessageMapping("system.start_group_conversation")
    Mono<Map<String, Object>> startGroup(@Valid @Payload Requests.StartGroup request, @AuthenticationPrincipal Jwt token) {
        Caller caller = caller(token);
        UUID conversationId = RandomIds.uuid();
        return Mono.fromSupplier(() -> new StartGroupConversation(conversationId, caller.userId(),
                        new LinkedHashSet<>(request.userIds()), request.alias(),
                        keyPairs.fromRequest(request.publicKey(), request.privateKey())))
                .flatMap(commands::send)
                .then(Mono.fromSupplier(() -> Answers.ok("conversationId", conversationId)));
    }

    @MessageMapping("conversation.{conversationId}.send_message")
    Mono<Map<String, Object>> sendMessage(@DestinationVariable String conversationId,
                                          @Valid @Payload Requests.SendMessage request, @AuthenticationPrincipal Jwt token) {
        Caller caller = caller(token);
        return commands.<PostedMessageGroup>send(new PostMessageGroup(id(conversationId), caller.userId(),
                        request.clientMessageId(), request.encryptedMessages()))
                .map(posted -> Answers.ok("messageGroupId", posted.messageGroupId(), "sentAt", posted.sentAt()));
    }

    @MessageMapping("conversation.{conversationId}.edit_message")
    Mono<Map<String, Object>> editMessage(@DestinationVariable String conversationId,
                                          @Valid @Payload Requests.EditMessage request, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new EditMessageGroup(request.messageGroupId(), id,
                caller.userId(), request.encryptedMessages()));
    }

    @MessageMapping("conversation.{conversationId}.delete_message")
    Mono<Map<String, Object>> deleteMessage(@DestinationVariable String conversationId,
                                            @Valid @Payload Requests.DeleteMessage request, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new DeleteMessageGroup(request.messageGroupId(), id,
                caller.userId()));
    }

    @MessageMapping("conversation.{conversationId}.read")
    Mono<Map<String, Object>> read(@DestinationVariable String conversationId, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new MarkConversationRead(id, caller.userId()));
    }

    @MessageMapping("conversation.{conversationId}.set_keys")
    Mono<Map<String, Object>> setKeys(@DestinationVariable String conversationId,
                                      @Valid @Payload Requests.SetKeys request, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new SetConversationKeys(id, caller.userId(),
                keyPairs.fromRequest(request.publicKey(), request.privateKey())));
    }

    @MessageMapping("conversation.{conversationId}.change_alias")
    Mono<Map<String, Object>> changeAlias(@DestinationVariable String conversationId,
                                          @Valid @Payload Requests.ChangeAlias request, @AuthenticationPrincipal Jwt token) {
        if (!request.alias().isNull() && !request.alias().isTextual()) {
            return Mono.error(() -> new CommandRejectedException(RejectionCode.INVALID_ALIAS, "alias must be a string or null"));
        }
        return send(token, conversationId, (caller, id) -> new ChangeConversationAlias(id, caller.userId(),
                request.alias().isNull() ? null : request.alias().asText()));
    }

    @MessageMapping("conversation.{conversationId}.add_members")
    Mono<Map<String, Object>> addMembers(@DestinationVariable String conversationId,
                                         @Valid @Payload Requests.AddMembers request, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new AddConversationMembers(id, caller.userId(),
                new LinkedHashSet<>(request.userIds())));
    }

    @MessageMapping("conversation.{conversationId}.leave")
    Mono<Map<String, Object>> leave(@DestinationVariable String conversationId, @AuthenticationPrincipal Jwt token) {
        return send(token, conversationId, (caller, id) -> new LeaveConversation(id, caller.userId()));
    }

    private Mono<Map<String, Object>> send(Jwt token, String conversationId, Command command) {
        Caller caller = caller(token);
        UUID id = id(conversationId);
        return Mono.fromSupplier(() -> command.of(caller, id)).flatMap(commands::send).then(Mono.fromSupplier(Answers::ok));
    }

    private Caller caller(Jwt token) {
        Caller caller = Caller.of(token);
        sessions.check(caller);
        return caller;
    }

    private static UUID id(String conversationId) {
        return RouteIds.parse(conversationId, "Conversation");
    }

    @FunctionalInterface
    private interface Command {
        Object of(Caller caller, UUID conversationId);
    }
}
