package io.courier.gateway.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

/**
 * Events, snapshots and tracking tokens are stored as JSON an auditor can read
 * ({@code convert_from(payload, 'UTF8')::jsonb}), events under their stable
 * {@link io.courier.api.common.EventType} names. The mapper is Axon's own, not the web one, so
 * tuning the HTTP API's JSON can never change the format of what is already stored.
 */
@Configuration(proxyBeanMethods = false)
class EventSerializationConfiguration {

    @Bean
    StoredEventTypes storedEventTypes() {
        return StoredEventTypes.scan();
    }

    @Bean
    @Primary
    Serializer serializer(StoredEventTypes types) {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // old events must stay readable after a field is dropped from a record
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new NamedEventTypesSerializer(JacksonSerializer.builder().objectMapper(mapper), types);
    }

    /** First in the chain: every later upcaster can rely on stable names. */
    @Bean
    @Order(0)
    EventUpcaster legacyClassNameUpcaster(StoredEventTypes types) {
        return new LegacyClassNameUpcaster(types);
    }

    @Bean
    @Order(1)
    EventUpcaster sealedUserRegisteredUpcaster() {
        return new SealedUserRegisteredUpcaster();
    }
}
