package io.courier.gateway.realtime.transport;

import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.presence.Presence;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.security.SessionWatch;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.plugins.SocketAcceptorInterceptor;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open RSocket connection of this node. It sits innermost among the connection acceptors, where Spring
 * Security has already checked the SETUP frame: a connection that logged in there is watched for the life of its
 * token (it ends with a connection ERROR frame {@code token_expired} or {@code session_revoked}) and counts as
 * its user's presence while open. When the server stops, connections are closed first, with
 * {@code server_stopping}, so that graceful shutdown does not wait for long-lived sockets.
 */
@Component
public class Connections implements SocketAcceptorInterceptor, SmartLifecycle {

    /** How long a connection's end waits for its streams' own last frames. */
    static final Duration STREAMS_FIRST = Duration.ofMillis(500);

    private final SessionWatch sessions;
    private final Presence presence;
    private final ErrorFrames errors;
    private final Map<RSocket, Boolean> open = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean stopping;

    Connections(SessionWatch sessions, Presence presence, ErrorFrames errors) {
        this.sessions = sessions;
        this.presence = presence;
        this.errors = errors;
    }

    @Override
    public SocketAcceptor apply(SocketAcceptor delegate) {
        return (setup, sendingSocket) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Connections::caller)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    caller.ifPresent(sessions::check);
                    return delegate.accept(setup, sendingSocket)
                            .doOnNext(responder -> opened(sendingSocket, caller.orElse(null)));
                });
    }

    private static Optional<Caller> caller(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token && token.getPrincipal() instanceof Jwt jwt
                ? Optional.of(Caller.of(jwt)) : Optional.empty();
    }

    private void opened(RSocket connection, Caller caller) {
        open.put(connection, Boolean.TRUE);
        // the connection's streams end at the same moment with their own error frames (and cursors): they go first
        Disposable watch = caller == null ? null : sessions.watch(caller, ending -> Schedulers.parallel().schedule(
                () -> ConnectionCloser.close(connection, errors.message(ending)), STREAMS_FIRST.toMillis(), TimeUnit.MILLISECONDS));
        Disposable hold = caller == null ? null : presence.hold(caller.userId());
        connection.onClose().doFinally(signal -> {
            open.remove(connection);
            if (watch != null) {
                watch.dispose();
            }
            if (hold != null) {
                hold.dispose();
            }
        }).subscribe(ignored -> { }, ignored -> { });
        if (stopping) {
            ConnectionCloser.close(connection, errors.message(stopping()));
        }
    }

    public int count() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        String message = errors.message(stopping());
        open.keySet().forEach(connection -> ConnectionCloser.close(connection, message));
    }

    private static RealtimeError stopping() {
        return RealtimeError.of("server_stopping", "The server is stopping; reconnect to another one or in a moment");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown begins, which would otherwise wait for these sockets. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 512;
    }
}
