package io.courier.command.account;

import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.LogIn;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the account behind an email address through the {@link EmailRegistry} (strongly
 * consistent, unlike a read model) and lets the {@link User} aggregate check the password.
 */
@Component
class LogInHandler {

    private final Repository<User> users;
    private final EmailRegistry emailRegistry;
    private final PasswordEncoder passwordEncoder;
    private final PersonalData personalData;
    private final RefreshTokenMint mint;
    private final RefreshTokenPolicy policy;
    private final Clock clock;
    private final String timingDecoyHash;

    LogInHandler(Repository<User> users, EmailRegistry emailRegistry, PasswordEncoder passwordEncoder,
                 PersonalData personalData, RefreshTokenMint mint, RefreshTokenPolicy policy, Clock clock) {
        this.users = users;
        this.emailRegistry = emailRegistry;
        this.passwordEncoder = passwordEncoder;
        this.personalData = personalData;
        this.mint = mint;
        this.policy = policy;
        this.clock = clock;
        this.timingDecoyHash = passwordEncoder.encode("timing decoy: never a real password");
    }

    @CommandHandler
    IssuedRefreshToken handle(LogIn command) {
        if (PasswordPolicy.canonical(command.password()).isEmpty()) {
            // No account has such a password; refused before the look-up, so as fast for every email.
            throw invalidCredentials();
        }
        Optional<UUID> userId = EmailAddress.tryParse(command.email()).flatMap(emailRegistry::userIdFor);
        if (userId.isEmpty()) {
            // Spend the same hashing time as a real check so response times don't reveal which emails exist.
            PasswordPolicy.matches(command.password(), timingDecoyHash, passwordEncoder);
            throw invalidCredentials();
        }
        return users.load(userId.get().toString())
                .invoke(user -> user.logIn(command.password(), command.client(), passwordEncoder, personalData, mint, policy,
                        clock));
    }

    static CommandRejectedException invalidCredentials() {
        return new CommandRejectedException(RejectionCode.INVALID_CREDENTIALS, "Email or password is incorrect");
    }
}
