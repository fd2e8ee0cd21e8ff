package io.courier.gateway.realtime.security;

import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RevocationReason;
import io.courier.gateway.realtime.tail.EventTail;
import io.courier.gateway.realtime.tail.TailEvent;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Hands the revocations the event tail reads (on whichever node they were decided) to the {@link SessionWatch}:
 * signing out everywhere ends all of a user's streams and connections, reuse detection those of one session;
 * logins tell it when each session began.
 */
@Component
class Revocations {

    Revocations(EventTail tail, SessionWatch sessions) {
        tail.observe(event -> revoke(event, sessions));
    }

    private static void revoke(TailEvent event, SessionWatch sessions) {
        if (event.payload() instanceof RefreshTokenIssued issued) {
            sessions.begun(issued.familyId(), event.index());
        } else if (event.payload() instanceof RefreshTokensRevoked revoked) {
            sessions.revoked(revoked.userId(), null, event.index(), revoked.revokedAt(), reason(revoked.reason()));
        } else if (event.payload() instanceof RefreshTokenFamilyRevoked revoked) {
            sessions.revoked(revoked.userId(), revoked.familyId(), event.index(), revoked.revokedAt(),
                    reason(revoked.reason()));
        }
    }

    /** As clients read it: {@code signout_all}, {@code reuse_detected}, {@code password_changed}. */
    static String reason(RevocationReason reason) {
        if (reason == null) {
            return "revoked";
        }
        return reason == RevocationReason.SIGN_OUT_EVERYWHERE ? "signout_all" : reason.name().toLowerCase(Locale.ROOT);
    }
}
