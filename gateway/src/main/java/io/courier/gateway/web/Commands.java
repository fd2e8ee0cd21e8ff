package io.courier.gateway.web;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Sends commands from reactive code: off the event loop, with rejections unwrapped. */
@Component
public class Commands {

    private static final Executor DISPATCH = task -> Schedulers.boundedElastic().schedule(task);

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Axon's local command bus runs the handler on the calling thread, and handlers block
     * (password hashing, JDBC), so dispatch happens on the bounded elastic scheduler.
     * <p>
     * A dispatched command runs to its end even when the request is cancelled (the client went away, or the
     * server closed the connection while stopping): cancelling a {@code subscribeOn} task would interrupt the
     * handler in the middle of its transaction.
     */
    public <R> Mono<R> send(Object command) {
        return Mono.<R>fromFuture(() -> CompletableFuture
                        .supplyAsync(() -> gateway.<R>send(command), DISPATCH)
                        .thenCompose(result -> result), true)
                .onErrorMap(Commands::unwrapRejection);
    }

    static Throwable unwrapRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException rejection) {
                return rejection;
            }
            if (cause instanceof AggregateNotFoundException) {
                return new CommandRejectedException(RejectionCode.NOT_FOUND, "Not found");
            }
            // a rejection from a handler on this node or another: the details are what crosses nodes
            if (cause instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof RejectionDetails details) {
                return details.toException();
            }
        }
        return failure;
    }
}
