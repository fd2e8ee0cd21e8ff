package io.courier.gateway.web.auth;

import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.LogIn;
import io.courier.api.account.RefreshToken;
import io.courier.api.account.RefreshTokenRotation;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.account.SessionClient;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import io.courier.command.account.EmailAddress;
import io.courier.command.ids.RandomIds;
import io.courier.gateway.abuse.ClientAddresses;
import io.courier.gateway.abuse.RateLimit;
import io.courier.gateway.abuse.RateLimiter;
import io.courier.gateway.security.AccessTokens;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * Registration and the token lifecycle. Only sends commands; the command side decides. Attempts are
 * counted against the rate limits before any command is sent, so a throttled one costs no hashing.
 */
@RestController
// produces: an unacceptable Accept header is refused (406) while mapping, before any command runs
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

    private final Commands commands;
    private final AccessTokens accessTokens;
    private final RateLimiter rateLimiter;
    private final ClientAddresses clientAddresses;

    AuthController(Commands commands, AccessTokens accessTokens, RateLimiter rateLimiter,
                   ClientAddresses clientAddresses) {
        this.commands = commands;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.clientAddresses = clientAddresses;
    }

    @PostMapping("/register")
    Mono<ResponseEntity<RegisteredResponse>> register(@Valid @RequestBody RegisterRequest request, ServerHttpRequest http) {
        UUID userId = RandomIds.uuid();
        return rateLimiter.perAddress(RateLimit.REGISTRATION_PER_ADDRESS, http)
                .then(commands.send(new RegisterUser(userId, request.email(), new Secret(request.password()), request.displayName())))
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create("/api/me"))
                        .body(new RegisteredResponse(userId))));
    }

    @PostMapping("/login")
    Mono<TokenResponse> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        return rateLimiter.perAddress(RateLimit.LOGIN_PER_ADDRESS, http)
                .then(rateLimiter.perKey(RateLimit.LOGIN_PER_ACCOUNT, accountKey(request.email())))
                .then(commands.<IssuedRefreshToken>send(new LogIn(request.email(), new Secret(request.password()),
                        new SessionClient(UserAgents.of(http), clientAddresses.address(http)))))
                .map(this::tokenPair);
    }

    @PostMapping("/refresh")
    Mono<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        RefreshToken presented = RefreshToken.parse(request.refreshToken()).orElse(null);
        if (presented == null) {
            return Mono.error(invalidRefreshToken("Refresh token is invalid or expired"));
        }
        return commands.<RefreshTokenRotation>send(new RotateRefreshToken(presented.userId(), new Secret(presented.secret())))
                // a token naming no account is just another invalid token: don't reveal which ids exist
                .onErrorMap(e -> e instanceof CommandRejectedException rejected && rejected.code() == RejectionCode.NOT_FOUND,
                        e -> invalidRefreshToken("Refresh token is invalid or expired"))
                .flatMap(outcome -> outcome instanceof RefreshTokenRotation.Rotated rotated
                        ? Mono.just(tokenPair(rotated.token()))
                        : Mono.error(invalidRefreshToken(
                                "Refresh token was already used; this session has been signed out")));
    }

    private TokenResponse tokenPair(IssuedRefreshToken refresh) {
        return TokenResponse.of(accessTokens.mint(refresh.userId(), refresh.familyId()), refresh);
    }

    /** The account a login names, as the command side identifies it: case-insensitive, trimmed. */
    private static String accountKey(String email) {
        try {
            return EmailAddress.parse(email).canonical();
        } catch (CommandRejectedException notAnEmail) {
            return email.strip().toLowerCase(Locale.ROOT);
        }
    }

    private static CommandRejectedException invalidRefreshToken(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN, message);
    }
}
