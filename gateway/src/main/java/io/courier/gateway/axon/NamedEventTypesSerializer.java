package io.courier.gateway.axon;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer, except that {@link io.courier.api.common.EventType}-named classes are
 * stored under their stable name and revision instead of the Java class name. Anything else
 * (tracking tokens, snapshots, framework types) keeps Axon's class-name convention.
 */
final class NamedEventTypesSerializer extends JacksonSerializer {

    private final StoredEventTypes types;

    NamedEventTypesSerializer(Builder builder, StoredEventTypes types) {
        super(builder);
        this.types = types;
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return types.nameOf(type)
                .<SerializedType>map(named -> new SimpleSerializedType(named.name(), named.revision()))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return types.classNamed(serializedType.getName()).map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
