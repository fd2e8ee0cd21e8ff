package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The refresh tokens a {@link User} has handed out, grouped in sessions (token families, one per
 * login). Part of the aggregate's state and of its snapshots; changed only by its event sourcing
 * handlers. Every change costs the same however long the account's history is, and memory is bounded:
 * a session remembers its last {@value #ROTATED_TOKENS_REMEMBERED} rotated tokens to recognise their
 * reuse, and sessions are forgotten once every token in them has expired.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RefreshTokens {

    /** At one rotation every 28 minutes, about two days of a session's history. */
    static final int ROTATED_TOKENS_REMEMBERED = 100;

    private final Map<String, Token> byHash = new HashMap<>();
    private final Map<UUID, Session> sessions = new HashMap<>();

    /** What presenting a token with this hash means now. */
    Presented present(String hash, Instant now, RefreshTokenPolicy policy) {
        Token token = byHash.get(hash);
        Session session = token == null ? null : sessions.get(token.familyId());
        if (session == null || session.revoked || !token.expiresAt().isAfter(now)) {
            return new Presented(Presented.Kind.INVALID, null);
        }
        if (token.rotatedAt() == null) {
            return new Presented(Presented.Kind.ACTIVE, token);
        }
        boolean withinGrace = now.isBefore(token.rotatedAt().plus(policy.reuseGrace()));
        return new Presented(withinGrace && token.reusesWithinGrace() < policy.maxReusesWithinGrace()
                ? Presented.Kind.REUSED_WITHIN_GRACE : Presented.Kind.REUSED, token);
    }

    /** The session of any token still remembered (active or rotated, expired or not). */
    Optional<UUID> familyOf(String hash) {
        Token token = byHash.get(hash);
        return token == null || !sessions.containsKey(token.familyId()) ? Optional.empty() : Optional.of(token.familyId());
    }

    boolean knows(UUID familyId) {
        return sessions.containsKey(familyId);
    }

    /** Not revoked, and some token of it still unexpired. */
    boolean isActive(UUID familyId, Instant now) {
        Session session = sessions.get(familyId);
        return session != null && !session.revoked && session.expiresAt.isAfter(now);
    }

    void opened(UUID familyId, UUID tokenId, String hash, Instant at, Instant expiresAt) {
        forgetExpiredSessions(at);
        Session session = new Session();
        sessions.put(familyId, session);
        addActive(session, familyId, tokenId, hash, expiresAt);
    }

    void rotated(UUID familyId, UUID previousTokenId, UUID tokenId, String hash, Instant at, Instant expiresAt) {
        Session session = sessions.get(familyId);
        if (session == null) {
            return; // forgotten: every token of it had expired
        }
        String previousHash = session.activeHashes.remove(previousTokenId);
        if (previousHash != null) {
            byHash.computeIfPresent(previousHash, (key, previous) -> previous.rotatedAt(at));
            session.rotatedHashes.put(previousTokenId, previousHash);
            if (session.rotatedHashes.size() > ROTATED_TOKENS_REMEMBERED) {
                UUID oldest = session.rotatedHashes.keySet().iterator().next();
                byHash.remove(session.rotatedHashes.remove(oldest));
            }
        }
        addActive(session, familyId, tokenId, hash, expiresAt);
    }

    void reusedWithinGrace(UUID familyId, UUID reusedTokenId, UUID tokenId, String hash, Instant expiresAt) {
        Session session = sessions.get(familyId);
        if (session == null) {
            return;
        }
        String reusedHash = session.rotatedHashes.get(reusedTokenId);
        if (reusedHash != null) {
            byHash.computeIfPresent(reusedHash, (key, reused) -> reused.reusedOnceMore());
        }
        addActive(session, familyId, tokenId, hash, expiresAt);
    }

    void revoke(UUID familyId) {
        Session session = sessions.get(familyId);
        if (session != null) {
            session.revoked = true;
        }
    }

    void revokeAll() {
        sessions.values().forEach(session -> session.revoked = true);
    }

    /** Hash of a still active token, to find it again when its rotation event is replayed. */
    private void addActive(Session session, UUID familyId, UUID tokenId, String hash, Instant expiresAt) {
        session.activeHashes.put(tokenId, hash);
        if (session.expiresAt == null || expiresAt.isAfter(session.expiresAt)) {
            session.expiresAt = expiresAt;
        }
        byHash.put(hash, new Token(tokenId, familyId, expiresAt, null, 0));
    }

    private void forgetExpiredSessions(Instant now) {
        sessions.values().removeIf(session -> {
            if (session.expiresAt.isAfter(now)) {
                return false;
            }
            session.activeHashes.values().forEach(byHash::remove);
            session.rotatedHashes.values().forEach(byHash::remove);
            return true;
        });
    }

    record Presented(Kind kind, Token token) {
        enum Kind { INVALID, ACTIVE, REUSED_WITHIN_GRACE, REUSED }
    }

    /** {@code rotatedAt} is null while the token is active. */
    record Token(UUID tokenId, UUID familyId, Instant expiresAt, Instant rotatedAt, int reusesWithinGrace) {

        Token rotatedAt(Instant at) {
            return new Token(tokenId, familyId, expiresAt, at, reusesWithinGrace);
        }

        Token reusedOnceMore() {
            return new Token(tokenId, familyId, expiresAt, rotatedAt, reusesWithinGrace + 1);
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Session {
        private boolean revoked;
        private Instant expiresAt;
        /** Token id to hash: one token normally, a few more after reuse within the grace period. */
        private final Map<UUID, String> activeHashes = new HashMap<>();
        /** Token id to hash of the most recently rotated tokens, oldest first. */
        private final LinkedHashMap<UUID, String> rotatedHashes = new LinkedHashMap<>();

        // value equality: Axon's fixtures compare the state a command left with the state its events rebuild
        @Override
        public boolean equals(Object other) {
            return other instanceof Session that && revoked == that.revoked && Objects.equals(expiresAt, that.expiresAt)
                    && activeHashes.equals(that.activeHashes) && rotatedHashes.equals(that.rotatedHashes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(revoked, expiresAt, activeHashes, rotatedHashes);
        }
    }
}
