package io.courier.command.account;

import io.courier.api.account.RequestPasswordReset;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Resolves the account behind an address through the {@link EmailRegistry} and has it issue a reset token
 * and its mail. An unknown or malformed address does nothing, and says nothing: the gateway answers the same
 * before this has run.
 */
@Component
class PasswordResetHandler {

    private final Repository<User> users;
    private final EmailRegistry emailRegistry;
    private final PersonalData personalData;
    private final OneTimeTokenPolicy policy;
    private final Clock clock;

    PasswordResetHandler(Repository<User> users, EmailRegistry emailRegistry, PersonalData personalData,
                         OneTimeTokenPolicy policy, Clock clock) {
        this.users = users;
        this.emailRegistry = emailRegistry;
        this.personalData = personalData;
        this.policy = policy;
        this.clock = clock;
    }

    @CommandHandler
    void handle(RequestPasswordReset command) {
        EmailAddress.tryParse(command.email()).flatMap(emailRegistry::userIdFor).ifPresent(userId ->
                users.load(userId.toString()).execute(user -> user.requestPasswordReset(personalData, policy, clock)));
    }
}
