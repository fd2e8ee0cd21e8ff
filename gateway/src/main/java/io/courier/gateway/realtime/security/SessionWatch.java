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
 * Revocations are remembered for an access token's lifetime, so a token of a revoked session can't open a new
 * stream afterwards either (REST, being stateless, still accepts it until it expires). Which sessions "sign out
 * everywhere" ends is decided by store order: the event tail also sees each session begin ({@code sid} is the
 * refresh-token family), so a session that began before the revocation is ended and one that began after it (a
 * new login) is not, however close together. For a session that began before this node started, the token's
 * issue time decides, in whole seconds (JWT precision): one issued within the second of the revocation is given
 * the benefit of the doubt.
 */
@Component
public class SessionWatch {

    /** Remembered as long as a token issued before them can be valid, with the decoder's clock skew. */
    private static final Duration MEMORY = AccessTokens.LIFETIME.plusMinutes(2);

    private final Clock clock;
    private final Scheduler timers = Schedulers.parallel();
    private final Map<UUID, Set<Watch>> watchesByUser = new ConcurrentHashMap<>();
    /** When (store index and time) all sessions of a user were last revoked. */
    private final Cache<UUID, Revoked> allSessionsRevoked = Caffeine.newBuilder()
            .expireAfterWrite(MEMORY).maximumSize(1_000_000).build();
    /** Sessions (refresh-token families) revoked one by one: dead for good. */
    private final Cache<UUID, String> revokedSessions = Caffeine.newBuilder()
            .expireAfterWrite(MEMORY).maximumSize(1_000_000).build();
    /** Where in the store each session this node saw begin began. */
    private final Cache<UUID, Long> sessionsBegun = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(1_000_000).build();

    private record Revoked(long index, Instant at, String reason) {
    }

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

    /** A session (refresh-token family) began at store index {@code index}: a login. */
    public void begun(UUID sessionId, long index) {
        sessionsBegun.put(sessionId, index);
    }

    /**
     * Sessions of {@code userId} were revoked by the event at store index {@code index}: one session
     * ({@code sessionId}), or every session that existed then when it is null. Watches of the affected sessions end
     * with {@code session_revoked}.
     */
    public void revoked(UUID userId, UUID sessionId, long index, Instant at, String reason) {
        if (sessionId == null) {
            allSessionsRevoked.asMap().merge(userId, new Revoked(index, at, reason),
                    (old, now) -> now.index() > old.index() ? now : old);
        } else {
            revokedSessions.put(sessionId, reason);
        }
        Set<Watch> watches = watchesByUser.get(userId);
        if (watches == null) {
            return;
        }
        for (Watch watch : watches) {
            if (revocationOf(watch.caller) != null) {
                watch.end(revoked(reason));
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
        String reason = revocationOf(caller);
        return reason == null ? null : revoked(reason);
    }

    /** Why the caller's session was revoked, or null when it was not. */
    private String revocationOf(Caller caller) {
        UUID session = caller.sessionId();
        String one = session == null ? null : revokedSessions.getIfPresent(session);
        if (one != null) {
            return one;
        }
        Revoked all = allSessionsRevoked.getIfPresent(caller.userId());
        if (all == null) {
            return null;
        }
        Long begun = session == null ? null : sessionsBegun.getIfPresent(session);
        boolean before = begun != null ? begun < all.index()
                : caller.issuedAt() == null || caller.issuedAt().isBefore(all.at().truncatedTo(ChronoUnit.SECONDS));
        return before ? all.reason() : null;
    }

    private static RealtimeError revoked(String reason) {
        return RealtimeError.of(RealtimeError.SESSION_REVOKED, "The session was signed out", Map.of("reason", reason));
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
