package io.courier.gateway.web.account;

import io.courier.api.account.AccountView;
import io.courier.api.account.FindAccount;
import io.courier.api.account.ListSessions;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.RevokeRefreshTokens;
import io.courier.api.account.SessionView;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.Problems;
import io.courier.gateway.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** The signed-in user's own account. Reads come from the read models and may lag writes slightly. */
@RestController
// produces: an unacceptable Accept header is refused (406) while mapping, before any command runs
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

    private final Commands commands;
    private final Queries queries;

    AccountController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/me")
    Mono<ResponseEntity<Object>> me(@AuthenticationPrincipal Jwt principal) {
        return queries.ask(new FindAccount(userId(principal)), ResponseTypes.instanceOf(AccountView.class))
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Problems.of(HttpStatus.NOT_FOUND, "not_found", "No account found for this token")));
    }

    @GetMapping("/sessions")
    Mono<List<SessionView>> sessions(@AuthenticationPrincipal Jwt principal) {
        return queries.ask(new ListSessions(userId(principal)), ResponseTypes.multipleInstancesOf(SessionView.class));
    }

    /** Revokes every refresh token; access tokens already out stay valid until they expire (at most 30 minutes). */
    @PostMapping("/signout_all")
    Mono<ResponseEntity<Void>> signOutEverywhere(@AuthenticationPrincipal Jwt principal) {
        return commands.send(new RevokeRefreshTokens(userId(principal), RevocationReason.SIGN_OUT_EVERYWHERE))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    private static UUID userId(Jwt principal) {
        return UUID.fromString(principal.getSubject());
    }
}
