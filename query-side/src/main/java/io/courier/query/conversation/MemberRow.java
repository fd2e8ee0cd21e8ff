package io.courier.query.conversation;

import io.courier.api.conversation.MemberView;
import io.courier.query.support.DisplayNames;
import io.courier.query.support.Utc;
import io.r2dbc.spi.Readable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One current member as a conversation's detail reads it. {@code sealedPrivateKey} is only ever selected
 * for the caller's own row: other members' private keys never leave the database.
 */
record MemberRow(UUID userId, String displayName, Instant lastReadAt, String sealedPublicKey,
                 String sealedPrivateKey) {

    static MemberRow read(Readable row) {
        return new MemberRow(row.get("user_id", UUID.class), row.get("display_name", String.class),
                Utc.instant(row.get("last_read_at", OffsetDateTime.class)),
                row.get("sealed_public_key", String.class), row.get("sealed_private_key", String.class));
    }

    boolean hasKeys() {
        return sealedPublicKey != null;
    }

    MemberView toView() {
        return new MemberView(userId, DisplayNames.shown(displayName));
    }

    @Override
    public String toString() {
        return "MemberRow[" + userId + "]";
    }
}
