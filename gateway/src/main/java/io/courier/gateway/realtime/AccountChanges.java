package io.courier.gateway.realtime;

import io.courier.api.account.AccountDeleted;
import io.courier.api.account.DisplayNameChanged;
import io.courier.api.account.PreferencesChanged;
import io.courier.gateway.realtime.presence.PresenceFeed;
import io.courier.gateway.realtime.security.SessionWatch;
import io.courier.gateway.realtime.stream.Renamed;
import io.courier.gateway.realtime.tail.EventTail;
import io.courier.gateway.realtime.tail.TailEvent;
import org.springframework.stereotype.Component;

/**
 * What the event tail tells the real-time side about accounts, on every node: a new display name replaces the
 * cached one, hiding or showing oneself changes presence, and a deleted account's streams and connections end.
 */
@Component
class AccountChanges {

    AccountChanges(EventTail tail, DisplayNames names, PresenceFeed presence, SessionWatch sessions) {
        tail.observe(event -> changed(event, names, presence, sessions));
    }

    private static void changed(TailEvent event, DisplayNames names, PresenceFeed presence, SessionWatch sessions) {
        Object payload = event.payload();
        if (payload instanceof DisplayNameChanged renamed) {
            if (event.routed().detail() instanceof Renamed name) {
                names.remember(renamed.userId(), name.name());
            } else {
                names.forget(renamed.userId());
            }
        } else if (payload instanceof PreferencesChanged preferences) {
            presence.visibility(preferences.userId(), preferences.hidden());
        } else if (payload instanceof AccountDeleted deleted) {
            names.forget(deleted.userId());
            sessions.revoked(deleted.userId(), null, event.index(), deleted.deletedAt(), "account_deleted");
        }
    }
}
