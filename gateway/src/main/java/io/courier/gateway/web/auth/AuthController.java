package io.courier.gateway.web.auth;

import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.LogIn;
import io.courier.api.account.RefreshToken;
import io.courier.api.account.RefreshTokenRotation;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import io.courier.gateway.security.AccessTokens;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.UUID;

/** Registration and the token lifecycle. Only sends commands; the command side decides. */
@RestController
// produces: an unacceptable Accept header is refused (406) while mapping, before any command runs
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

    private final Commands commands;
    private final AccessTokens accessTokens;

    AuthController(Commands commands, AccessTokens accessTokens) {
        this.commands = commands;
        this.accessTokens = accessTokens;
    }

    @PostMapping("/register")
    Mono<ResponseEntity<RegisteredResponse>> register(@Valid @RequestBody RegisterRequest request) {
        UUID userId = UUID.randomUUID();
        return commands.send(new RegisterUser(userId, request.email(), new Secret(request.password()), request.displayName()))
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create("/api/me"))
                        .body(new RegisteredResponse(userId))));
    }

    @PostMapping("/login")
    Mono<TokenResponse> login(@Valid @RequestBody LoginRequest request) {
        return commands.<IssuedRefreshToken>send(new LogIn(request.email(), new Secret(request.password())))
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
        return TokenResponse.of(accessTokens.mint(refresh.userId()), refresh);
    }

    private static CommandRejectedException invalidRefreshToken(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN, message);
    }
}
