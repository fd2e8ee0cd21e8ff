package io.courier.gateway.web.auth;

import io.courier.api.account.CheckPasswordResetToken;
import io.courier.api.account.RequestPasswordReset;
import io.courier.api.account.ResetPassword;
import io.courier.api.common.Secret;
import io.courier.command.account.EmailAddress;
import io.courier.gateway.abuse.RateLimit;
import io.courier.gateway.abuse.RateLimiter;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Forgotten passwords. Asking for a reset answers 202 before the address is even looked up, so neither the
 * answer nor its timing tells whether an account has that address; the look-up and the mail follow.
 */
@RestController
@RequestMapping(path = "/auth/password", produces = MediaType.APPLICATION_JSON_VALUE)
class PasswordResetController {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetController.class);

    private final Commands commands;
    private final RateLimiter rateLimiter;

    PasswordResetController(Commands commands, RateLimiter rateLimiter) {
        this.commands = commands;
        this.rateLimiter = rateLimiter;
    }

    /** Only the shape of the address is checked here (422 {@code invalid_email}): that tells nothing about accounts. */
    @PostMapping("/request")
    Mono<ResponseEntity<Void>> request(@Valid @RequestBody PasswordResetEmailRequest request, ServerHttpRequest http) {
        return Mono.fromRunnable(() -> EmailAddress.parse(request.email()))
                .then(rateLimiter.perAddress(RateLimit.PASSWORD_RESET_PER_ADDRESS, http))
                .then(Mono.fromRunnable(() -> commands.send(new RequestPasswordReset(request.email()))
                        .subscribe(done -> { }, failure -> log.warn("A password-reset request failed", failure))))
                .thenReturn(ResponseEntity.accepted().build());
    }

    /** For the reset page: is the link still good? Uses nothing. */
    @PostMapping("/confirm")
    Mono<TokenValidityResponse> confirm(@Valid @RequestBody TokenRequest request) {
        return OneTimeTokens.present(request.token(), token -> commands.<Instant>send(
                        new CheckPasswordResetToken(token.userId(), new Secret(token.secret()))))
                .map(expiresAt -> new TokenValidityResponse(true, expiresAt));
    }

    /** Every session ends: the client signs in again with the new password. */
    @PostMapping("/reset")
    Mono<ResponseEntity<Void>> reset(@Valid @RequestBody PasswordResetRequest request) {
        return OneTimeTokens.present(request.token(), token -> commands.send(
                        new ResetPassword(token.userId(), new Secret(token.secret()), new Secret(request.password()))))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
