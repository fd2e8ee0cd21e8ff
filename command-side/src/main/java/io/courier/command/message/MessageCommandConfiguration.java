package io.courier.command.message;

import io.courier.command.eventsourcing.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessageCommandConfiguration {

    @Bean
    MessageLimits messageLimits(@Value("${courier.message.max-ciphertext-bytes:65536}") int maxCiphertextBytes,
                                @Value("${courier.message.max-group-bytes:4194304}") int maxGroupBytes) {
        return new MessageLimits(maxCiphertextBytes, maxGroupBytes);
    }

    /**
     * Not cached: there are millions of groups, each read for an edit or delete now and then; a group's stream
     * is one to a few events, so it needs no snapshots either.
     */
    @Bean
    EventSourcingRepository<MessageGroup> messageGroupRepository(AggregateRepositories repositories) {
        return repositories.uncached(MessageGroup.class);
    }
}
