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
import io.courier.api.account.RevocationReason;
import io.courier.api.account.RevokeRefreshTokens;
import io.courier.api.account.RevokeSession;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.account.SealedFields;
import io.courier.api.account.SessionClient;
import io.courier.api.account.SignOut;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.ids.RandomIds;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link User}'s sessions: the refresh tokens handed out to its devices, grouped in families, one per login.
 * <p>
 * Rotation replaces the current token of a family; presenting a token that was already rotated means a copy
 * is in someone else's hands, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation)
 * - unless it comes within a short grace period after the rotation, which is two browser tabs racing, not theft.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Sessions {

    private final RefreshTokens refreshTokens = new RefreshTokens();

    /** A login: a new family, its device described (sealed) for the user's list of sessions. */
    IssuedRefreshToken open(UUID userId, SessionClient client, PersonalData personalData, RefreshTokenMint mint,
                            RefreshTokenPolicy policy, Instant now) {
        RefreshTokenMint.Minted minted = mint.mint(userId);
        UUID familyId = RandomIds.uuid();
        Instant expiresAt = now.plus(policy.lifetime());
        SessionClient device = client == null ? SessionClient.UNKNOWN : client;
        apply(new RefreshTokenIssued(userId, familyId, RandomIds.uuid(), minted.hash(), now, expiresAt,
                personalData.seal(userId, SealedFields.USER_AGENT, device.userAgent()),
                personalData.seal(userId, SealedFields.ADDRESS, device.address())));
        return new IssuedRefreshToken(userId, familyId, minted.token(), expiresAt);
    }

    @CommandHandler
    RefreshTokenRotation handle(RotateRefreshToken command, RefreshTokenMint mint, RefreshTokenPolicy policy,
                                Clock clock) {
        Instant now = clock.instant();
        UUID userId = command.userId();
        RefreshTokens.Presented presented = command.refreshToken() == null
                ? new RefreshTokens.Presented(RefreshTokens.Presented.Kind.INVALID, null)
                : refreshTokens.present(mint.hash(command.refreshToken().value()), now, policy);
        RefreshTokens.Token token = presented.token();
        switch (presented.kind()) {
            case INVALID -> throw invalidRefreshToken();
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
    void handle(RevokeRefreshTokens command, Clock clock) {
        // Recorded even when nothing is active: the request itself is part of the audit trail.
        apply(new RefreshTokensRevoked(command.userId(), command.reason(), clock.instant()));
    }

    /** Signing out with a token of a session that has ended already changes nothing and is no error. */
    @CommandHandler
    void handle(SignOut command, RefreshTokenMint mint, Clock clock) {
        Instant now = clock.instant();
        UUID familyId = command.refreshToken() == null ? null
                : refreshTokens.familyOf(mint.hash(command.refreshToken().value())).orElse(null);
        if (familyId == null) {
            throw invalidRefreshToken();
        }
        if (refreshTokens.isActive(familyId, now)) {
            apply(new RefreshTokenFamilyRevoked(command.userId(), familyId, RevocationReason.SIGNED_OUT, now));
        }
    }

    @CommandHandler
    void handle(RevokeSession command, Clock clock) {
        Instant now = clock.instant();
        if (!refreshTokens.knows(command.familyId())) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "Session not found");
        }
        if (refreshTokens.isActive(command.familyId(), now)) {
            apply(new RefreshTokenFamilyRevoked(command.userId(), command.familyId(), RevocationReason.SESSION_REVOKED,
                    now));
        }
    }

    private static CommandRejectedException invalidRefreshToken() {
        return new CommandRejectedException(RejectionCode.INVALID_REFRESH_TOKEN, "Refresh token is invalid or expired");
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
