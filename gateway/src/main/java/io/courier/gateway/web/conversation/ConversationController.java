package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.FindConversation;
import io.courier.api.conversation.FindPrivateConversation;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.ListConversations;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.api.conversation.StartPrivateConversation;
import io.courier.api.conversation.StartedConversation;
import io.courier.command.ids.RandomIds;
import io.courier.gateway.conversation.ConversationResponse;
import io.courier.gateway.conversation.KeyPairs;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.NotFound;
import io.courier.gateway.web.Queries;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Conversations, their members and keys. Writes are commands (the command side decides who may do what);
 * reads come from the read models, which may lag a write by a moment. To anyone but a member a conversation
 * does not exist: every route answers 404 alike.
 */
@RestController
@RequestMapping(path = "/api/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConversationController {

    private final Commands commands;
    private final Queries queries;
    private final KeyPairs keyPairs;

    ConversationController(Commands commands, Queries queries, KeyPairs keyPairs) {
        this.commands = commands;
        this.queries = queries;
        this.keyPairs = keyPairs;
    }

    /** 201 for a new conversation; 200 with the existing one when the pair already has one. */
    @PostMapping("/private")
    Mono<ResponseEntity<StartedResponse>> startPrivate(@AuthenticationPrincipal Jwt principal,
                                                       @Valid @RequestBody StartPrivateRequest request) {
        return Mono.fromSupplier(() -> new StartPrivateConversation(RandomIds.uuid(), CallerId.of(principal),
                        request.otherUserId(), keyPairs.fromRequest(request.publicKey(), request.privateKey())))
                .flatMap(commands::<StartedConversation>send)
                .map(started -> (started.created()
                        ? ResponseEntity.created(location(started.conversationId()))
                        : ResponseEntity.ok()).body(new StartedResponse(started.conversationId())));
    }

    @PostMapping("/group")
    Mono<ResponseEntity<StartedResponse>> startGroup(@AuthenticationPrincipal Jwt principal,
                                                     @Valid @RequestBody StartGroupRequest request) {
        UUID conversationId = RandomIds.uuid();
        return Mono.fromSupplier(() -> new StartGroupConversation(conversationId, CallerId.of(principal),
                        new LinkedHashSet<>(request.userIds()), request.alias(),
                        keyPairs.fromRequest(request.publicKey(), request.privateKey())))
                .flatMap(commands::send)
                .then(Mono.fromSupplier(() -> ResponseEntity.created(location(conversationId))
                        .body(new StartedResponse(conversationId))));
    }

    @GetMapping
    Mono<List<ConversationSummaryResponse>> list(@AuthenticationPrincipal Jwt principal) {
        return queries.ask(new ListConversations(CallerId.of(principal)),
                        ResponseTypes.multipleInstancesOf(ConversationSummaryView.class))
                .map(views -> views.stream().map(ConversationSummaryResponse::of).toList());
    }

    @GetMapping("/{conversationId}")
    Mono<ConversationResponse> get(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId) {
        return queries.ask(new FindConversation(conversationId, CallerId.of(principal)),
                        ResponseTypes.instanceOf(ConversationDetailView.class))
                .map(this::response)
                .switchIfEmpty(NotFound.error("Conversation"));
    }

    @GetMapping("/private/{userId}")
    Mono<ConversationResponse> getPrivate(@AuthenticationPrincipal Jwt principal, @PathVariable UUID userId) {
        return queries.ask(new FindPrivateConversation(CallerId.of(principal), userId),
                        ResponseTypes.instanceOf(ConversationDetailView.class))
                .map(this::response)
                .switchIfEmpty(NotFound.error("Private conversation"));
    }

    @PutMapping("/{conversationId}/keys")
    Mono<ResponseEntity<Void>> setKeys(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                       @Valid @RequestBody KeyPairRequest request) {
        return send(() -> new SetConversationKeys(conversationId, CallerId.of(principal),
                keyPairs.fromRequest(request.publicKey(), request.privateKey())));
    }

    @PostMapping("/{conversationId}/members")
    Mono<ResponseEntity<Void>> addMembers(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                          @Valid @RequestBody AddMembersRequest request) {
        return send(() -> new AddConversationMembers(conversationId, CallerId.of(principal),
                new LinkedHashSet<>(request.userIds())));
    }

    @PatchMapping("/{conversationId}")
    Mono<ResponseEntity<Void>> changeAlias(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                           @Valid @RequestBody ChangeAliasRequest request) {
        JsonNode alias = request.alias();
        if (!alias.isNull() && !alias.isTextual()) {
            return Mono.error(() -> new CommandRejectedException(RejectionCode.INVALID_ALIAS, "alias must be a string or null"));
        }
        return send(() -> new ChangeConversationAlias(conversationId, CallerId.of(principal),
                alias.isNull() ? null : alias.asText()));
    }

    @PostMapping("/{conversationId}/leave")
    Mono<ResponseEntity<Void>> leave(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId) {
        return send(() -> new LeaveConversation(conversationId, CallerId.of(principal)));
    }

    @PostMapping("/{conversationId}/read")
    Mono<ResponseEntity<Void>> markRead(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId) {
        return send(() -> new MarkConversationRead(conversationId, CallerId.of(principal)));
    }

    private Mono<ResponseEntity<Void>> send(Supplier<Object> command) {
        return Mono.fromSupplier(command).flatMap(commands::send)
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    private ConversationResponse response(ConversationDetailView view) {
        return ConversationResponse.of(view, keyPairs);
    }

    private static URI location(UUID conversationId) {
        return URI.create("/api/conversations/" + conversationId);
    }
}
