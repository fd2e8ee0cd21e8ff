package io.courier.gateway.axon;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events written before Courier named its event types were stored under their Java class name with
 * no revision. This gives them their stable name at revision 1 so that later upcasters, which are
 * written against names, see every event the same way.
 */
final class LegacyClassNameUpcaster extends SingleEventUpcaster {

    static final String FIRST_REVISION = "1";

    private final StoredEventTypes types;

    LegacyClassNameUpcaster(StoredEventTypes types) {
        this.types = types;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getRevision() == null && types.nameForJavaClassName(event.getType().getName()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        String name = types.nameForJavaClassName(event.getType().getName()).orElseThrow();
        // only the type changes; the JSON payload is the same
        return event.upcastPayload(new SimpleSerializedType(name, FIRST_REVISION), JsonNode.class, payload -> payload);
    }
}
