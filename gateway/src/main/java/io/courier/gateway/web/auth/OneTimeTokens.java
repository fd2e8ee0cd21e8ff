package io.courier.gateway.web.auth;

import io.courier.api.account.OneTimeToken;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import reactor.core.publisher.Mono;

import java.util.function.Function;

/**
 * Presenting a mailed token: it names its account, and anything wrong with it, a malformed token or one
 * naming no account (or a deleted one), is the same {@code invalid_token} as an expired or used one.
 */
final class OneTimeTokens {

    private OneTimeTokens() {
    }

    static <R> Mono<R> present(String encoded, Function<OneTimeToken, Mono<R>> use) {
        return OneTimeToken.parse(encoded).map(use)
                .orElseGet(() -> Mono.error(invalid()))
                .onErrorMap(e -> e instanceof CommandRejectedException rejected && rejected.code() == RejectionCode.NOT_FOUND,
                        e -> invalid());
    }

    private static CommandRejectedException invalid() {
        return new CommandRejectedException(RejectionCode.INVALID_TOKEN,
                "This link is invalid, expired or was already used; ask for a new one");
    }
}
