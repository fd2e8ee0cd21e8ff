package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.EmailChangeRequested;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.EmailConfirmed;
import io.courier.api.account.OneTimeTokenPurpose;
import io.courier.api.account.RequestEmailChange;
import io.courier.api.account.RequestEmailConfirmation;
import io.courier.api.account.SealedFields;
import io.courier.api.account.UseEmailToken;
import io.courier.api.account.UserRegistered;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.ids.RandomIds;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link User}'s address and the proof that its owner receives mail there: confirmation of the current
 * address, and changing it by a link mailed to the new one. The address is kept sealed; uniqueness is the
 * {@link EmailRegistry}'s, claimed when a change completes.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class EmailOwnership {

    private static final Set<OneTimeTokenPurpose> EMAIL_PURPOSES =
            EnumSet.of(OneTimeTokenPurpose.EMAIL_CONFIRM, OneTimeTokenPurpose.EMAIL_CHANGE);

    private String sealedEmail;
    private boolean confirmed;
    private final OneTimeTokens tokens = new OneTimeTokens();

    String sealedEmail() {
        return sealedEmail;
    }

    /** Mails a new confirmation link for {@code sealedAddress}; the previous link stops working. */
    void requestConfirmation(UUID userId, String sealedAddress, PersonalData personalData, OneTimeTokenPolicy policy,
                             Instant now) {
        OneTimeTokenMint.Issued token = OneTimeTokenMint.issue(userId, now,
                policy.lifetimeOf(OneTimeTokenPurpose.EMAIL_CONFIRM), personalData);
        apply(new EmailConfirmationRequested(userId, RandomIds.uuid(), token.tokenId(), token.hash(), token.sealedToken(),
                sealedAddress, now, token.expiresAt()));
    }

    @CommandHandler
    void handle(RequestEmailConfirmation command, PersonalData personalData, OneTimeTokenPolicy policy, Clock clock) {
        if (confirmed) {
            throw new CommandRejectedException(RejectionCode.EMAIL_ALREADY_CONFIRMED, "The address is confirmed already");
        }
        requestConfirmation(command.userId(), sealedEmail, personalData, policy, clock.instant());
    }

    /** Whether the new address is taken is not told here, only when the link is used (by its owner, then). */
    @CommandHandler
    void handle(RequestEmailChange command, EmailRegistry registry, PersonalData personalData,
                OneTimeTokenPolicy policy, Clock clock) {
        UUID userId = command.userId();
        EmailAddress newEmail = EmailAddress.parse(command.newEmail());
        requireNotCurrent(userId, newEmail, registry);
        Instant now = clock.instant();
        OneTimeTokenMint.Issued token = OneTimeTokenMint.issue(userId, now,
                policy.lifetimeOf(OneTimeTokenPurpose.EMAIL_CHANGE), personalData);
        apply(new EmailChangeRequested(userId, RandomIds.uuid(), token.tokenId(), token.hash(), token.sealedToken(),
                personalData.seal(userId, SealedFields.EMAIL, newEmail.canonical()), now, token.expiresAt()));
    }

    @CommandHandler
    OneTimeTokenPurpose handle(UseEmailToken command, EmailRegistry registry, PersonalData personalData, Clock clock) {
        Instant now = clock.instant();
        UUID userId = command.userId();
        OneTimeTokens.Outstanding token = tokens.find(OneTimeTokenMint.hash(command.token()), now, EMAIL_PURPOSES)
                .orElseThrow(OneTimeTokenMint::invalid);
        if (token.purpose() == OneTimeTokenPurpose.EMAIL_CONFIRM) {
            apply(new EmailConfirmed(userId, token.tokenId(), now));
        } else {
            EmailAddress newEmail = EmailAddress.parse(personalData.open(userId, SealedFields.EMAIL, token.sealedPayload())
                    .orElseThrow(OneTimeTokenMint::invalid));
            // the token stays usable: the address may be freed again before the link expires
            if (!registry.transfer(userId, newEmail)) {
                throw emailTaken();
            }
            apply(new EmailChanged(userId, token.sealedPayload(), sealedEmail, true, token.tokenId(), RandomIds.uuid(),
                    now));
        }
        return token.purpose();
    }

    /** The change without a mailed link (the password was proven instead): the new address is unconfirmed. */
    void changeWithoutLink(UUID userId, EmailAddress newEmail, EmailRegistry registry, PersonalData personalData,
                           OneTimeTokenPolicy policy, Instant now) {
        requireNotCurrent(userId, newEmail, registry);
        if (!registry.transfer(userId, newEmail)) {
            throw emailTaken();
        }
        String sealedNewEmail = personalData.seal(userId, SealedFields.EMAIL, newEmail.canonical());
        apply(new EmailChanged(userId, sealedNewEmail, sealedEmail, false, null, RandomIds.uuid(), now));
        requestConfirmation(userId, sealedNewEmail, personalData, policy, now);
    }

    private static void requireNotCurrent(UUID userId, EmailAddress email, EmailRegistry registry) {
        if (registry.userIdFor(email).filter(userId::equals).isPresent()) {
            throw new CommandRejectedException(RejectionCode.INVALID_REQUEST, "This is your address already");
        }
    }

    private static CommandRejectedException emailTaken() {
        return new CommandRejectedException(RejectionCode.EMAIL_TAKEN, "An account with this email already exists");
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        sealedEmail = event.sealedEmail();
    }

    @EventSourcingHandler
    void on(EmailConfirmationRequested event) {
        tokens.issued(OneTimeTokenPurpose.EMAIL_CONFIRM, event.tokenId(), event.tokenHash(), event.expiresAt(), null);
    }

    @EventSourcingHandler
    void on(EmailConfirmed event) {
        confirmed = true;
        tokens.used(event.tokenId());
    }

    @EventSourcingHandler
    void on(EmailChangeRequested event) {
        tokens.issued(OneTimeTokenPurpose.EMAIL_CHANGE, event.tokenId(), event.tokenHash(), event.expiresAt(),
                event.sealedNewEmail());
    }

    @EventSourcingHandler
    void on(EmailChanged event) {
        sealedEmail = event.sealedEmail();
        confirmed = event.confirmed();
        tokens.revokeAll();
    }
}
