package io.courier.gateway.web.message;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.message.DeleteMessageGroup;
import io.courier.api.message.EditMessageGroup;
import io.courier.api.message.FindMessageHistory;
import io.courier.api.message.HistoryCursor;
import io.courier.api.message.MessagePage;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.NotFound;
import io.courier.gateway.web.Queries;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Message groups: the server stores and hands out ciphertexts, one per recipient, and never sees plaintext.
 * Each member reads only its own copy.
 */
@RestController
@RequestMapping(path = "/api/conversations/{conversationId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
class MessageController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final Commands commands;
    private final Queries queries;

    MessageController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** 201 with the group's id; a retry with the same clientMessageId answers the same, storing nothing. */
    @PostMapping
    Mono<ResponseEntity<PostedResponse>> post(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                              @Valid @RequestBody PostMessageRequest request) {
        return commands.<PostedMessageGroup>send(new PostMessageGroup(conversationId, CallerId.of(principal),
                        request.clientMessageId(), request.encryptedMessages()))
                .map(posted -> ResponseEntity
                        .created(PostedResponse.location(conversationId, posted))
                        .body(PostedResponse.of(posted)));
    }

    /** Newest first; {@code before} is the {@code nextPageToken} of the previous page. */
    @GetMapping
    Mono<MessagePage> history(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                              @RequestParam(required = false) String before,
                              @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            return Mono.error(() -> new CommandRejectedException(RejectionCode.INVALID_REQUEST,
                    "limit must be between 1 and " + MAX_PAGE_SIZE));
        }
        HistoryCursor cursor = null;
        if (before != null) {
            cursor = HistoryCursor.parse(before).orElse(null);
            if (cursor == null) {
                return Mono.error(() -> new CommandRejectedException(RejectionCode.INVALID_REQUEST,
                        "before must be a nextPageToken from a previous page"));
            }
        }
        return page(queries, new FindMessageHistory(conversationId, CallerId.of(principal), cursor, limit));
    }

    /** The page asked for; a 404 when the caller is not a member (for the controller and {@link DirectHistory}). */
    static Mono<MessagePage> page(Queries queries, FindMessageHistory query) {
        return queries.ask(query, ResponseTypes.instanceOf(MessagePage.class))
                .switchIfEmpty(NotFound.error("Conversation"));
    }

    /** Sender only: new ciphertexts for the same recipients. */
    @PutMapping("/{messageGroupId}")
    Mono<ResponseEntity<Void>> edit(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                    @PathVariable UUID messageGroupId, @Valid @RequestBody EditMessageRequest request) {
        return commands.send(new EditMessageGroup(messageGroupId, conversationId, CallerId.of(principal),
                        request.encryptedMessages()))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    /** Sender only; leaves a tombstone in everyone's history. */
    @DeleteMapping("/{messageGroupId}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal Jwt principal, @PathVariable UUID conversationId,
                                      @PathVariable UUID messageGroupId) {
        return commands.send(new DeleteMessageGroup(messageGroupId, conversationId, CallerId.of(principal)))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
