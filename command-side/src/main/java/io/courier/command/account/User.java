package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokenReuseDetected;
import io.courier.api.account.RefreshTokenRotated;
import io.courier.api.account.RefreshTokenRotation;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.RevokeRefreshTokens;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.account.UserRegistered;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account: credentials and the refresh tokens issued to its devices.
 * <p>
 * Refresh tokens are grouped in families, one per login. Rotation replaces the current token of a
 * family; presenting a token that was already rotated means a copy is in someone else's hands, so
 * the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver", repository = "userRepository")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class User {

    static final java.time.Duration REFRESH_TOKEN_LIFETIME = java.time.Duration.ofDays(14);

    @AggregateIdentifier
    private UUID userId;
    private String passwordHash;
    /** Known tokens by hash, kept until they expire so that reuse of a rotated one is recognised. */
    private Map<String, KnownToken> tokensByHash = new HashMap<>();

    protected User() {
        // for Axon's event sourcing and snapshot deserialisation
    }

    @CommandHandler
    public User(RegisterUser command, EmailRegistry emailRegistry, PasswordEncoder passwordEncoder, Clock clock) {
        EmailAddress email = EmailAddress.parse(command.email());
        String password = PasswordPolicy.requireAcceptable(command.password());
        String displayName = DisplayName.resolve(command.displayName(), email);
        // Hash before claiming: the claim holds a row lock until commit, hashing is the slow part.
        String hash = passwordEncoder.encode(password);
        if (!emailRegistry.claim(email, command.userId())) {
            throw new CommandRejectedException(RejectionCode.EMAIL_TAKEN, "An account with this email already exists");
        }
        apply(new UserRegistered(command.userId(), email.canonical(), hash, displayName, clock.instant()));
    }

    /** Invoked by {@link LogInHandler}, which resolved this account from the email address. */
    IssuedRefreshToken logIn(Secret password, PasswordEncoder passwordEncoder, RefreshTokenMint mint, Clock clock) {
        if (!PasswordPolicy.matches(password, passwordHash, passwordEncoder)) {
            throw LogInHandler.invalidCredentials();
        }
        Instant now = clock.instant();
        RefreshTokenMint.Minted minted = mint.mint(userId);
        UUID familyId = UUID.randomUUID();
        Instant expiresAt = now.plus(REFRESH_TOKEN_LIFETIME);
        apply(new RefreshTokenIssued(userId, familyId, UUID.randomUUID(), minted.hash(), now, expiresAt));
        return new IssuedRefreshToken(userId, familyId, minted.token(), expiresAt);
    }

    @CommandHandler
    public RefreshTokenRotation handle(RotateRefreshToken command, RefreshTokenMint mint, Clock clock) {
        Instant now = clock.instant();
        KnownToken presented = command.refreshToken() == null
                ? null : tokensByHash.get(mint.hash(command.refreshToken().value()));
        if (presented == null || !presented.expiresAt().isAfter(now) || presented.status() == TokenStatus.REVOKED) {
            throw new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN, "Refresh token is invalid or expired");
        }
        if (presented.status() == TokenStatus.ROTATED) {
            apply(new RefreshTokenReuseDetected(userId, presented.familyId(), presented.tokenId(), now));
            apply(new RefreshTokenFamilyRevoked(userId, presented.familyId(), RevocationReason.REUSE_DETECTED, now));
            return new RefreshTokenRotation.ReuseDetected(userId, presented.familyId());
        }
        RefreshTokenMint.Minted minted = mint.mint(userId);
        Instant expiresAt = now.plus(REFRESH_TOKEN_LIFETIME);
        apply(new RefreshTokenRotated(userId, presented.familyId(), presented.tokenId(), UUID.randomUUID(),
                minted.hash(), now, expiresAt));
        return new RefreshTokenRotation.Rotated(
                new IssuedRefreshToken(userId, presented.familyId(), minted.token(), expiresAt));
    }

    @CommandHandler
    public void handle(RevokeRefreshTokens command, Clock clock) {
        // Recorded even when nothing is active: the request itself is part of the audit trail.
        apply(new RefreshTokensRevoked(userId, command.reason(), clock.instant()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(RefreshTokenIssued event) {
        forgetExpired(event.issuedAt());
        tokensByHash.put(event.tokenHash(),
                new KnownToken(event.tokenId(), event.familyId(), event.expiresAt(), TokenStatus.ACTIVE));
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        forgetExpired(event.rotatedAt());
        tokensByHash.replaceAll((hash, token) -> token.tokenId().equals(event.previousTokenId())
                ? token.withStatus(TokenStatus.ROTATED) : token);
        tokensByHash.put(event.tokenHash(),
                new KnownToken(event.tokenId(), event.familyId(), event.expiresAt(), TokenStatus.ACTIVE));
    }

    @EventSourcingHandler
    void on(RefreshTokenFamilyRevoked event) {
        tokensByHash.replaceAll((hash, token) -> token.familyId().equals(event.familyId())
                ? token.withStatus(TokenStatus.REVOKED) : token);
    }

    @EventSourcingHandler
    void on(RefreshTokensRevoked event) {
        tokensByHash.replaceAll((hash, token) -> token.withStatus(TokenStatus.REVOKED));
    }

    private void forgetExpired(Instant now) {
        tokensByHash.values().removeIf(token -> !token.expiresAt().isAfter(now));
    }

    enum TokenStatus { ACTIVE, ROTATED, REVOKED }

    record KnownToken(UUID tokenId, UUID familyId, Instant expiresAt, TokenStatus status) {
        KnownToken withStatus(TokenStatus newStatus) {
            return new KnownToken(tokenId, familyId, expiresAt, newStatus);
        }
    }
}
