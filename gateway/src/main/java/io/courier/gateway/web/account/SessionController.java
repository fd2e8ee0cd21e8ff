package io.courier.gateway.web.account;

import io.courier.api.account.RefreshToken;
import io.courier.api.account.RevokeSession;
import io.courier.api.account.SignOut;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Ending one session: this device's ({@code signout}, with its refresh token) or another one's (by the
 * session id that {@code GET /api/sessions} lists). The access tokens already out stay valid until they
 * expire, at most 30 minutes.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    private final Commands commands;

    SessionController(Commands commands) {
        this.commands = commands;
    }

    /** A refresh token of another account is refused like an unknown one: it is not the caller's to end. */
    @PostMapping("/signout")
    Mono<ResponseEntity<Void>> signOut(@AuthenticationPrincipal Jwt principal, @Valid @RequestBody SignOutRequest request) {
        UUID userId = CallerId.of(principal);
        RefreshToken presented = RefreshToken.parse(request.refreshToken())
                .filter(token -> token.userId().equals(userId)).orElse(null);
        if (presented == null) {
            return Mono.error(new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN,
                    "Refresh token is invalid or expired"));
        }
        return commands.send(new SignOut(userId, new Secret(presented.secret())))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    @DeleteMapping("/sessions/{sessionId}")
    Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal Jwt principal, @PathVariable UUID sessionId) {
        return commands.send(new RevokeSession(CallerId.of(principal), sessionId))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
