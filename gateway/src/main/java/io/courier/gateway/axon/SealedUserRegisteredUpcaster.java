package io.courier.gateway.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.vault.PersonalData;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;

/**
 * {@code account.UserRegistered} revision 1 held the email, display name and password hash in clear; revision 2
 * holds them sealed under the user's data key. There is no key for what was stored in clear, so on reading it
 * becomes revision 2 with each value marked as clear ({@link PersonalData#plain}): everything downstream reads
 * one shape. Deleting such an account removes the clear values from the stored event (the account erasure);
 * a field that is absent stays absent, and reads as gone.
 */
final class SealedUserRegisteredUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType("account.UserRegistered", "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType("account.UserRegistered", "2");
    private static final Map<String, String> SEALED_FIELDS = Map.of(
            "email", "sealedEmail",
            "displayName", "sealedDisplayName",
            "passwordHash", "sealedPasswordHash");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = payload.deepCopy();
            SEALED_FIELDS.forEach((clear, sealed) -> {
                JsonNode value = upcast.remove(clear);
                if (value != null && value.isTextual()) {
                    upcast.put(sealed, PersonalData.plain(value.asText()));
                }
            });
            return upcast;
        });
    }
}
