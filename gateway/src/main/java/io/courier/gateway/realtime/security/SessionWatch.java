package io.courier.gateway.realtime.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.security.AccessTokens;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps every stream and connection to the lifetime of the access token it was opened with. Spring Security
 * checks a token once, when the connection or request arrives; after that a long-lived stream would outlive its
 * token and any sign-out. Here each one is watched: it ends with {@code token_expired} when its token expires,
 * and with {@code session_revoked} as soon as the event tail reports its session revoked (sign out everywhere,
 * reuse detection of its refresh-token family, password change, account deletion), on whichever node that
 * happened.
 * <p>
 * Revocations are also remembered for an access token's lifetime, so a token issued before a revocation can't
 * open a new stream afterwards (REST, being stateless, still accepts it until it expires). Tokens carry their
 * issue time in whole seconds, so a token issued within the second of a revocation is given the benefit of the
 * doubt: it may be the new login that followed it. A node forgets revocations it did not see (it started later).
 */
@Component
public class SessionWatch {

    /** Remembered as long as a token issued before them can be valid, with the decoder's clock skew. */
    private static final Duration MEMORY = AccessTokens.LIFETIME.plusMinutes(2);

    private final Clock clock;
    private final Scheduler timers = Schedulers.parallel();
    private final Map<UUID, Set<Watch>> watchesByUser = new ConcurrentHashMap<>();
    private final Cache<UUID, Instant> allSessionsRevokedAt = Caffeine.newBuilder()
            .expireAfterWrite(MEMORY).maximumSize(1_000_000).build();
    private final Cache<UUID, Instant> sessionRevokedAt = Caffeine.newBuilder()
            .expireAfterWrite(MEMORY).maximumSize(1_000_000).build();

    SessionWatch(Clock clock) {
        this.clock = clock;
    }

    /** Refuses a token that has expired or whose session has been revoked since it was issued. */
    public void check(Caller caller) {
        RealtimeError ending = endingFor(caller);
        if (ending != null) {
            throw ending;
        }
    }

    /**
     * Calls {@code end} once, when the caller's token expires or its session is revoked (at once if either has
     * already happened). Dispose the answer when the watched thing ends for another reason.
     */
    public Disposable watch(Caller caller, Consumer<RealtimeError> end) {
        Watch watch = new Watch(caller, end);
        watchesByUser.computeIfAbsent(caller.userId(), user -> ConcurrentHashMap.newKeySet()).add(watch);
        long delayMillis = Math.max(0, Duration.between(clock.instant(), caller.expiresAt()).toMillis());
        watch.timer = timers.schedule(() -> watch.end(expired()), delayMillis, TimeUnit.MILLISECONDS);
        RealtimeError already = endingFor(caller); // a revocation may have arrived while registering
        if (already != null) {
            watch.end(already);
        }
        return watch;
    }

    /**
     * Sessions of {@code userId} were revoked at {@code at}: one session ({@code sessionId}), or all of them when
     * it is null. Watches of the affected sessions end with {@code session_revoked}.
     */
    public void revoked(UUID userId, UUID sessionId, Instant at, String reason) {
        if (sessionId == null) {
            allSessionsRevokedAt.asMap().merge(userId, at, (old, now) -> now.isAfter(old) ? now : old);
        } else {
            sessionRevokedAt.asMap().merge(sessionId, at, (old, now) -> now.isAfter(old) ? now : old);
        }
        Set<Watch> watches = watchesByUser.get(userId);
        if (watches == null) {
            return;
        }
        for (Watch watch : watches) {
            UUID watched = watch.caller.sessionId();
            // a token that names no session can't be told apart: any revocation of its user ends it
            if ((sessionId == null || watched == null || watched.equals(sessionId)) && issuedBefore(watch.caller, at)) {
                watch.end(RealtimeError.of(RealtimeError.SESSION_REVOKED, "The session was signed out",
                        Map.of("reason", reason)));
            }
        }
    }

    /** Live watches; for tests and metrics. */
    public int watched() {
        return watchesByUser.values().stream().mapToInt(Set::size).sum();
    }

    private RealtimeError endingFor(Caller caller) {
        if (!clock.instant().isBefore(caller.expiresAt())) {
            return expired();
        }
        Instant all = allSessionsRevokedAt.getIfPresent(caller.userId());
        Instant one = caller.sessionId() == null ? null : sessionRevokedAt.getIfPresent(caller.sessionId());
        if ((all != null && issuedBefore(caller, all)) || (one != null && issuedBefore(caller, one))) {
            return RealtimeError.of(RealtimeError.SESSION_REVOKED, "The session was signed out",
                    Map.of("reason", "revoked"));
        }
        return null;
    }

    private static boolean issuedBefore(Caller caller, Instant revokedAt) {
        return caller.issuedAt() == null || caller.issuedAt().isBefore(revokedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    private static RealtimeError expired() {
        return RealtimeError.of(RealtimeError.TOKEN_EXPIRED, "The access token expired; reconnect with a fresh one");
    }

    private final class Watch implements Disposable {

        private final Caller caller;
        private final Consumer<RealtimeError> end;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Disposable timer;

        Watch(Caller caller, Consumer<RealtimeError> end) {
            this.caller = caller;
            this.end = end;
        }

        void end(RealtimeError error) {
            if (release()) {
                end.accept(error);
            }
        }

        @Override
        public void dispose() {
            release();
        }

        @Override
        public boolean isDisposed() {
            return done.get();
        }

        private boolean release() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            Disposable scheduled = timer;
            if (scheduled != null) {
                scheduled.dispose();
            }
            watchesByUser.computeIfPresent(caller.userId(), (user, watches) -> {
                watches.remove(this);
                return watches.isEmpty() ? null : watches;
            });
            return true;
        }
    }
}
