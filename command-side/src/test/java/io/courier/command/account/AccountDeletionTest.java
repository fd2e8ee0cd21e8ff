package io.courier.command.account;

import io.courier.api.account.AccountDeleted;
import io.courier.api.account.DeleteAccount;
import io.courier.api.account.LogIn;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.RequestEmailConfirmation;
import io.courier.api.account.SealedFields;
import io.courier.api.account.UserRegistered;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccountDeletionTest extends UserFixture {

    @Test
    void deleting_needs_the_current_password() {
        fixture.given(registeredAndClaimed())
                .when(new DeleteAccount(USER, new Secret("not the password")))
                .expectException(rejection(RejectionCode.INCORRECT_PASSWORD))
                .expectNoEvents();
        assertThat(erasure.erased).isEmpty();
    }

    @Test
    void deleting_erases_the_account_and_makes_its_personal_data_unreadable() {
        UserRegistered registered = registeredAndClaimed();

        fixture.given(registered)
                .when(new DeleteAccount(USER, new Secret(PASSWORD)))
                .expectEvents(new AccountDeleted(USER, NOW))
                .expectMarkedDeleted();

        assertThat(erasure.erased).containsExactly(USER);
        assertThat(personalData.open(USER, SealedFields.EMAIL, registered.sealedEmail())).isEmpty();
        assertThat(personalData.open(USER, SealedFields.DISPLAY_NAME, registered.sealedDisplayName())).isEmpty();
        assertThat(registry.userIdFor(EmailAddress.parse(EMAIL))).isEmpty();
    }

    @Test
    void a_deleted_account_takes_no_more_commands_and_its_address_logs_in_nowhere() {
        fixture.given(registered(), new AccountDeleted(USER, NOW))
                .when(new RequestEmailConfirmation(USER))
                .expectException(AggregateDeletedException.class);
        fixture.given(registered(), new AccountDeleted(USER, NOW))
                .when(new LogIn(EMAIL, new Secret(PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_CREDENTIALS));
    }

    @Test
    void the_address_of_a_deleted_account_can_register_again() {
        registeredAndClaimed();
        erasure.erase(USER);

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(UUID.randomUUID(), EMAIL, new Secret(PASSWORD), null))
                .expectSuccessfulHandlerExecution();
    }
}
