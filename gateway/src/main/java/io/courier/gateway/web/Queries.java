package io.courier.gateway.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks the query side from reactive code. The answer arrives on the read-model connection's event
 * loop; writing the HTTP response from there sometimes left a keep-alive connection unread (the
 * client's next request sat in the socket until it gave up: KeepAliveTest), so the response is
 * built and written from the parallel scheduler instead.
 */
@Component
public class Queries {

    private final QueryGateway gateway;

    Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> ask(Object query, ResponseType<R> answer) {
        return Mono.fromFuture(() -> gateway.query(query, answer)).publishOn(Schedulers.parallel());
    }
}
