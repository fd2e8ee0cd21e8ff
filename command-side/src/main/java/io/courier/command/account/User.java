package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokenReuseDetected;
import io.courier.api.account.RefreshTokenReusedWithinGrace;
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
import io.courier.command.ids.RandomIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account: credentials and the refresh tokens issued to its devices.
 * <p>
 * Refresh tokens are grouped in families, one per login. Rotation replaces the current token of a
 * family; presenting a token that was already rotated means a copy is in someone else's hands, so
 * the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation) - unless it comes
 * within a short grace period after the rotation, which is two browser tabs racing, not theft.
 * <p>
 * The snapshot revision changes whenever the shape of this state does: snapshots of another
 * revision are ignored and the aggregate is rebuilt from its events.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver", repository = "userRepository")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class User {

    @AggregateIdentifier
    private UUID userId;
    private String passwordHash;
    private RefreshTokens refreshTokens = new RefreshTokens();

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
    IssuedRefreshToken logIn(Secret password, PasswordEncoder passwordEncoder, RefreshTokenMint mint,
                             RefreshTokenPolicy policy, Clock clock) {
        if (!PasswordPolicy.matches(password, passwordHash, passwordEncoder)) {
            throw LogInHandler.invalidCredentials();
        }
        Instant now = clock.instant();
        RefreshTokenMint.Minted minted = mint.mint(userId);
        UUID familyId = RandomIds.uuid();
        Instant expiresAt = now.plus(policy.lifetime());
        apply(new RefreshTokenIssued(userId, familyId, RandomIds.uuid(), minted.hash(), now, expiresAt));
        return new IssuedRefreshToken(userId, familyId, minted.token(), expiresAt);
    }

    @CommandHandler
    public RefreshTokenRotation handle(RotateRefreshToken command, RefreshTokenMint mint, RefreshTokenPolicy policy,
                                       Clock clock) {
        Instant now = clock.instant();
        RefreshTokens.Presented presented = command.refreshToken() == null
                ? new RefreshTokens.Presented(RefreshTokens.Presented.Kind.INVALID, null)
                : refreshTokens.present(mint.hash(command.refreshToken().value()), now, policy);
        RefreshTokens.Token token = presented.token();
        switch (presented.kind()) {
            case INVALID -> throw new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN,
                    "Refresh token is invalid or expired");
            case REUSED -> {
                apply(new RefreshTokenReuseDetected(userId, token.familyId(), token.tokenId(), now));
                apply(new RefreshTokenFamilyRevoked(userId, token.familyId(), RevocationReason.REUSE_DETECTED, now));
                return new RefreshTokenRotation.ReuseDetected(userId, token.familyId());
            }
            default -> {
                RefreshTokenMint.Minted minted = mint.mint(userId);
                UUID tokenId = RandomIds.uuid();
                Instant expiresAt = now.plus(policy.lifetime());
                apply(presented.kind() == RefreshTokens.Presented.Kind.ACTIVE
                        ? new RefreshTokenRotated(userId, token.familyId(), token.tokenId(), tokenId, minted.hash(),
                        now, expiresAt)
                        : new RefreshTokenReusedWithinGrace(userId, token.familyId(), token.tokenId(), tokenId,
                        minted.hash(), now, expiresAt));
                return new RefreshTokenRotation.Rotated(
                        new IssuedRefreshToken(userId, token.familyId(), minted.token(), expiresAt));
            }
        }
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
        refreshTokens.opened(event.familyId(), event.tokenId(), event.tokenHash(), event.issuedAt(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        refreshTokens.rotated(event.familyId(), event.previousTokenId(), event.tokenId(), event.tokenHash(),
                event.rotatedAt(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(RefreshTokenReusedWithinGrace event) {
        refreshTokens.reusedWithinGrace(event.familyId(), event.reusedTokenId(), event.tokenId(), event.tokenHash(),
                event.expiresAt());
    }

    @EventSourcingHandler
    void on(RefreshTokenFamilyRevoked event) {
        refreshTokens.revoke(event.familyId());
    }

    @EventSourcingHandler
    void on(RefreshTokensRevoked event) {
        refreshTokens.revokeAll();
    }
}
