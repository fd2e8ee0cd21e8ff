package io.courier.gateway.web.account;

import io.courier.api.account.ChangeEmail;
import io.courier.api.account.ChangePassword;
import io.courier.api.account.DeleteAccount;
import io.courier.api.account.RequestEmailChange;
import io.courier.api.account.RequestEmailConfirmation;
import io.courier.api.common.Secret;
import io.courier.gateway.abuse.RateLimit;
import io.courier.gateway.abuse.RateLimiter;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * The signed-in user's address and password, and the account itself. What proves the current password counts
 * against the per-account login limit (a stolen access token must not buy unlimited guesses); what sends mail
 * counts against the per-account mail limit.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class CredentialsController {

    private final Commands commands;
    private final RateLimiter rateLimiter;

    CredentialsController(Commands commands, RateLimiter rateLimiter) {
        this.commands = commands;
        this.rateLimiter = rateLimiter;
    }

    @PostMapping("/token/email_confirm")
    Mono<ResponseEntity<Void>> requestConfirmation(@AuthenticationPrincipal Jwt principal) {
        UUID userId = CallerId.of(principal);
        return mailing(userId)
                .then(commands.send(new RequestEmailConfirmation(userId)))
                .then(accepted());
    }

    @PostMapping("/token/email_change")
    Mono<ResponseEntity<Void>> requestEmailChange(@AuthenticationPrincipal Jwt principal,
                                                  @Valid @RequestBody EmailChangeLinkRequest request) {
        UUID userId = CallerId.of(principal);
        return mailing(userId)
                .then(commands.send(new RequestEmailChange(userId, request.email())))
                .then(accepted());
    }

    @PatchMapping("/email")
    Mono<ResponseEntity<Void>> changeEmail(@AuthenticationPrincipal Jwt principal,
                                           @Valid @RequestBody ChangeEmailRequest request) {
        UUID userId = CallerId.of(principal);
        return provingPassword(userId)
                .then(mailing(userId))
                .then(commands.send(new ChangeEmail(userId, request.email(), new Secret(request.currentPassword()))))
                .then(noContent());
    }

    @PatchMapping("/password")
    Mono<ResponseEntity<Void>> changePassword(@AuthenticationPrincipal Jwt principal,
                                              @Valid @RequestBody ChangePasswordRequest request) {
        UUID userId = CallerId.of(principal);
        return provingPassword(userId)
                .then(commands.send(new ChangePassword(userId, new Secret(request.currentPassword()),
                        new Secret(request.newPassword()))))
                .then(noContent());
    }

    @DeleteMapping("/account")
    Mono<ResponseEntity<Void>> deleteAccount(@AuthenticationPrincipal Jwt principal,
                                             @Valid @RequestBody DeleteAccountRequest request) {
        UUID userId = CallerId.of(principal);
        return provingPassword(userId)
                .then(commands.send(new DeleteAccount(userId, new Secret(request.currentPassword()))))
                .then(noContent());
    }

    private Mono<Void> provingPassword(UUID userId) {
        return rateLimiter.perKey(RateLimit.LOGIN_PER_ACCOUNT, "user:" + userId);
    }

    private Mono<Void> mailing(UUID userId) {
        return rateLimiter.perKey(RateLimit.MAIL_PER_ACCOUNT, userId.toString());
    }

    private static Mono<ResponseEntity<Void>> accepted() {
        return Mono.fromSupplier(() -> ResponseEntity.accepted().build());
    }

    private static Mono<ResponseEntity<Void>> noContent() {
        return Mono.fromSupplier(() -> ResponseEntity.noContent().build());
    }
}
