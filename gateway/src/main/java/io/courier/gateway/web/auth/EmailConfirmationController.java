package io.courier.gateway.web.auth;

import io.courier.api.account.OneTimeTokenPurpose;
import io.courier.api.account.UseEmailToken;
import io.courier.api.common.Secret;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The target of the links in confirmation and email-change mails; no sign-in needed, the token is the proof. */
@RestController
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class EmailConfirmationController {

    private final Commands commands;

    EmailConfirmationController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/confirm")
    Mono<TokenPurposeResponse> confirm(@Valid @RequestBody TokenRequest request) {
        return OneTimeTokens.present(request.token(), token -> commands.<OneTimeTokenPurpose>send(
                        new UseEmailToken(token.userId(), new Secret(token.secret()))))
                .map(TokenPurposeResponse::of);
    }
}
