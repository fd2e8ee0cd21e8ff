package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.AddRecent;
import io.courier.api.account.DisplayNameChanged;
import io.courier.api.account.PreferencesChanged;
import io.courier.api.account.RecentsChanged;
import io.courier.api.account.SealedFields;
import io.courier.api.account.Theme;
import io.courier.api.account.UpdateProfile;
import io.courier.api.account.UserRegistered;
import io.courier.vault.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link User}'s profile: display name, settings and recently viewed pages. A change is stored only when
 * something changes; personal parts (name, pages) stay sealed, in state as in events.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Profile {

    private String sealedDisplayName;
    private BigDecimal textMagnification = ProfileFields.DEFAULT_MAGNIFICATION;
    private Theme theme = Theme.AUTO;
    private boolean hidden;
    private String sealedRecents;

    /** Every field is checked before anything is stored, so a refused update changes nothing. */
    @CommandHandler
    void handle(UpdateProfile command, PersonalData personalData, Clock clock) {
        UUID userId = command.userId();
        String displayName = command.displayName() == null ? null : DisplayName.require(command.displayName());
        BigDecimal magnification = command.textMagnification() == null ? textMagnification
                : ProfileFields.textMagnification(command.textMagnification());
        Theme newTheme = command.theme() == null ? theme : ProfileFields.theme(command.theme());
        boolean newHidden = command.hidden() == null ? hidden : command.hidden();
        List<String> recents = command.recents() == null ? null : ProfileFields.recents(command.recents());
        Instant now = clock.instant();
        if (displayName != null
                && !displayName.equals(personalData.open(userId, SealedFields.DISPLAY_NAME, sealedDisplayName).orElse(null))) {
            apply(new DisplayNameChanged(userId, personalData.seal(userId, SealedFields.DISPLAY_NAME, displayName), now));
        }
        if (magnification.compareTo(textMagnification) != 0 || newTheme != theme || newHidden != hidden) {
            apply(new PreferencesChanged(userId, magnification, newTheme, newHidden, now));
        }
        if (recents != null && !recents.equals(recents(userId, personalData))) {
            changeRecents(userId, recents, personalData, now);
        }
    }

    @CommandHandler
    void handle(AddRecent command, PersonalData personalData, Clock clock) {
        String page = ProfileFields.page(command.page());
        List<String> recents = recents(command.userId(), personalData);
        List<String> updated = ProfileFields.visited(recents, page);
        if (!updated.equals(recents)) {
            changeRecents(command.userId(), updated, personalData, clock.instant());
        }
    }

    private List<String> recents(UUID userId, PersonalData personalData) {
        return SealedFields.decodeRecents(personalData.open(userId, SealedFields.RECENTS, sealedRecents).orElse(null));
    }

    private static void changeRecents(UUID userId, List<String> recents, PersonalData personalData, Instant now) {
        apply(new RecentsChanged(userId, personalData.seal(userId, SealedFields.RECENTS,
                SealedFields.encodeRecents(recents)), now));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        sealedDisplayName = event.sealedDisplayName();
    }

    @EventSourcingHandler
    void on(DisplayNameChanged event) {
        sealedDisplayName = event.sealedDisplayName();
    }

    @EventSourcingHandler
    void on(PreferencesChanged event) {
        textMagnification = Objects.requireNonNullElse(event.textMagnification(), ProfileFields.DEFAULT_MAGNIFICATION);
        theme = Objects.requireNonNullElse(event.theme(), Theme.AUTO);
        hidden = event.hidden();
    }

    @EventSourcingHandler
    void on(RecentsChanged event) {
        sealedRecents = event.sealedRecents();
    }
}
