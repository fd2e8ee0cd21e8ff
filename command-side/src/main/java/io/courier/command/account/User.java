package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.AccountDeleted;
import io.courier.api.account.ChangeEmail;
import io.courier.api.account.ChangePassword;
import io.courier.api.account.CheckPasswordResetToken;
import io.courier.api.account.DeleteAccount;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.OneTimeTokenPurpose;
import io.courier.api.account.PasswordChangeMethod;
import io.courier.api.account.PasswordChanged;
import io.courier.api.account.PasswordResetRequested;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.ResetPassword;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.SealedFields;
import io.courier.api.account.SessionClient;
import io.courier.api.account.UserRegistered;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import io.courier.command.ids.RandomIds;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A user account: its credentials, and what proving them allows (changing them, deleting the account).
 * Each other concern is a member with its own commands: {@link Sessions} (refresh tokens), {@link EmailOwnership}
 * (the address and its confirmation), {@link Profile}, and {@link Mailings} (the mail outbox's bookkeeping).
 * <p>
 * Personal data is sealed under the user's data key ({@link PersonalData}) before it enters an event, and held
 * sealed in state, so that neither events nor snapshots hold it readable once the account is deleted.
 * <p>
 * The snapshot revision changes whenever the shape of this state does: snapshots of another
 * revision are ignored and the aggregate is rebuilt from its events.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver", repository = "userRepository")
@Revision("3")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class User {

    @AggregateIdentifier
    private UUID userId;
    private String sealedPasswordHash;
    private final OneTimeTokens resetTokens = new OneTimeTokens();
    @AggregateMember
    private final Sessions sessions = new Sessions();
    @AggregateMember
    private final EmailOwnership email = new EmailOwnership();
    @AggregateMember
    private final Profile profile = new Profile();
    @AggregateMember
    private final Mailings mailings = new Mailings();

    protected User() {
        // for Axon's event sourcing and snapshot deserialisation
    }

    /** Registration also mails the first confirmation link. */
    @CommandHandler
    public User(RegisterUser command, EmailRegistry emailRegistry, PasswordEncoder passwordEncoder,
                PersonalData personalData, OneTimeTokenPolicy tokenPolicy, Clock clock) {
        UUID id = command.userId();
        EmailAddress address = EmailAddress.parse(command.email());
        String password = PasswordPolicy.requireAcceptable(command.password());
        String displayName = DisplayName.resolve(command.displayName(), address);
        // Hash before claiming: the claim holds a row lock until commit, hashing is the slow part.
        String hash = passwordEncoder.encode(password);
        if (!emailRegistry.claim(address, id)) {
            throw new CommandRejectedException(RejectionCode.EMAIL_TAKEN, "An account with this email already exists");
        }
        Instant now = clock.instant();
        String sealedEmail = personalData.seal(id, SealedFields.EMAIL, address.canonical());
        apply(new UserRegistered(id, sealedEmail, personalData.seal(id, SealedFields.PASSWORD_HASH, hash),
                personalData.seal(id, SealedFields.DISPLAY_NAME, displayName), now));
        email.requestConfirmation(id, sealedEmail, personalData, tokenPolicy, now);
    }

    /** Invoked by {@link LogInHandler}, which resolved this account from the email address. */
    IssuedRefreshToken logIn(Secret password, SessionClient client, PasswordEncoder passwordEncoder,
                             PersonalData personalData, RefreshTokenMint mint, RefreshTokenPolicy policy, Clock clock) {
        if (!passwordMatches(password, passwordEncoder, personalData)) {
            throw LogInHandler.invalidCredentials();
        }
        return sessions.open(userId, client, personalData, mint, policy, clock.instant());
    }

    /** Invoked by {@link PasswordResetHandler}, which resolved this account from the email address. */
    void requestPasswordReset(PersonalData personalData, OneTimeTokenPolicy policy, Clock clock) {
        Instant now = clock.instant();
        OneTimeTokenMint.Issued token = OneTimeTokenMint.issue(userId, now,
                policy.lifetimeOf(OneTimeTokenPurpose.PASSWORD_RESET), personalData);
        apply(new PasswordResetRequested(userId, RandomIds.uuid(), token.tokenId(), token.hash(), token.sealedToken(),
                email.sealedEmail(), now, token.expiresAt()));
    }

    /** @return when the token expires */
    @CommandHandler
    public Instant handle(CheckPasswordResetToken command, Clock clock) {
        return resetToken(command.token(), clock.instant()).expiresAt();
    }

    @CommandHandler
    public void handle(ResetPassword command, PasswordEncoder passwordEncoder, PersonalData personalData, Clock clock) {
        Instant now = clock.instant();
        OneTimeTokens.Outstanding token = resetToken(command.token(), now);
        String password = PasswordPolicy.requireAcceptable(command.newPassword());
        replacePassword(passwordEncoder.encode(password), PasswordChangeMethod.RESET, token.tokenId(), personalData, now);
    }

    @CommandHandler
    public void handle(ChangePassword command, PasswordEncoder passwordEncoder, PersonalData personalData, Clock clock) {
        requireCurrentPassword(command.currentPassword(), passwordEncoder, personalData);
        String password = PasswordPolicy.requireAcceptable(command.newPassword());
        replacePassword(passwordEncoder.encode(password), PasswordChangeMethod.CHANGED, null, personalData,
                clock.instant());
    }

    @CommandHandler
    public void handle(ChangeEmail command, EmailRegistry emailRegistry, PasswordEncoder passwordEncoder,
                       PersonalData personalData, OneTimeTokenPolicy tokenPolicy, Clock clock) {
        EmailAddress newEmail = EmailAddress.parse(command.newEmail());
        requireCurrentPassword(command.currentPassword(), passwordEncoder, personalData);
        email.changeWithoutLink(userId, newEmail, emailRegistry, personalData, tokenPolicy, clock.instant());
    }

    /** Every session ends with the account: nothing can load it any more. */
    @CommandHandler
    public void handle(DeleteAccount command, PasswordEncoder passwordEncoder, PersonalData personalData,
                       AccountErasure erasure, Clock clock) {
        requireCurrentPassword(command.currentPassword(), passwordEncoder, personalData);
        erasure.erase(userId);
        apply(new AccountDeleted(userId, clock.instant()));
    }

    private OneTimeTokens.Outstanding resetToken(Secret token, Instant now) {
        return resetTokens.find(OneTimeTokenMint.hash(token), now, EnumSet.of(OneTimeTokenPurpose.PASSWORD_RESET))
                .orElseThrow(OneTimeTokenMint::invalid);
    }

    private void replacePassword(String hash, PasswordChangeMethod method, UUID tokenId, PersonalData personalData,
                                 Instant now) {
        apply(new PasswordChanged(userId, personalData.seal(userId, SealedFields.PASSWORD_HASH, hash), method, tokenId,
                RandomIds.uuid(), email.sealedEmail(), now));
        apply(new RefreshTokensRevoked(userId, method == PasswordChangeMethod.RESET
                ? RevocationReason.PASSWORD_RESET : RevocationReason.PASSWORD_CHANGED, now));
    }

    private void requireCurrentPassword(Secret password, PasswordEncoder passwordEncoder, PersonalData personalData) {
        if (!passwordMatches(password, passwordEncoder, personalData)) {
            throw new CommandRejectedException(RejectionCode.INCORRECT_PASSWORD, "The current password is not correct");
        }
    }

    private boolean passwordMatches(Secret password, PasswordEncoder passwordEncoder, PersonalData personalData) {
        String hash = personalData.open(userId, SealedFields.PASSWORD_HASH, sealedPasswordHash).orElse(null);
        return hash != null && password != null && PasswordPolicy.matches(password, hash, passwordEncoder);
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        sealedPasswordHash = event.sealedPasswordHash();
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        resetTokens.issued(OneTimeTokenPurpose.PASSWORD_RESET, event.tokenId(), event.tokenHash(), event.expiresAt(),
                null);
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        sealedPasswordHash = event.sealedPasswordHash();
        resetTokens.revokeAll();
    }

    /** A reset link went to the old address; it must not reset the password of the new one. */
    @EventSourcingHandler
    void on(EmailChanged event) {
        resetTokens.revokeAll();
    }

    @EventSourcingHandler
    void on(AccountDeleted event) {
        markDeleted();
    }
}
