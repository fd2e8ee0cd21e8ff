package io.courier.gateway.web;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends commands from reactive code: off the event loop, with rejections unwrapped.
 * <p>
 * Commands get threads of their own, up to {@code courier.command-threads}, rather than Reactor's shared bounded
 * elastic scheduler (ten per core). A post holds its thread until its group of events is durable, so the threads
 * cap the posts in flight and with them the size of each group commit: with 20 threads the server could not post
 * faster than 20 per commit cycle (some 2,000/s on two cores), and a backlog built by any hiccup drained at a crawl
 * or not at all. A waiting thread costs memory, not CPU.
 */
@Component
public class Commands implements DisposableBean {

    private final CommandGateway gateway;
    private final Scheduler scheduler;
    private final Executor dispatch;

    Commands(CommandGateway gateway, @Value("${courier.command-threads:256}") int threads) {
        if (threads < 1 || threads > 10_000) {
            throw new IllegalArgumentException("COMMAND_THREADS must be between 1 and 10000, got " + threads);
        }
        this.gateway = gateway;
        this.scheduler = Schedulers.newBoundedElastic(threads, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                "command", 60, true);
        this.dispatch = task -> scheduler.schedule(task);
    }

    /**
     * Axon's local command bus runs the handler on the calling thread, and handlers block
     * (password hashing, JDBC), so dispatch happens on the command threads.
     * <p>
     * A dispatched command runs to its end even when the request is cancelled (the client went away, or the
     * server closed the connection while stopping): cancelling a {@code subscribeOn} task would interrupt the
     * handler in the middle of its transaction.
     */
    public <R> Mono<R> send(Object command) {
        return Mono.<R>fromFuture(() -> CompletableFuture
                        .supplyAsync(() -> gateway.<R>send(command), dispatch)
                        .thenCompose(result -> result), true)
                .onErrorMap(Commands::unwrapRejection);
    }

    /** Commands already running finish (the web server has stopped taking requests by now); none start. */
    @Override
    public void destroy() {
        scheduler.disposeGracefully().timeout(Duration.ofSeconds(20), Mono.empty())
                .onErrorResume(failed -> Mono.empty()).block();
        scheduler.dispose();
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
