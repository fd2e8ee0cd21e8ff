package io.courier.gateway.web;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import reactor.core.publisher.Mono;

/**
 * An empty answer from a read model as the same 404 problem the command side gives: whether a thing does not
 * exist or the caller may not see it is never told apart.
 */
public final class NotFound {

    private NotFound() {
    }

    public static <T> Mono<T> error(String what) {
        return Mono.error(() -> new CommandRejectedException(RejectionCode.NOT_FOUND, what + " not found"));
    }
}
