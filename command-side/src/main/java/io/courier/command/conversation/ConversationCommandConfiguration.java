package io.courier.command.conversation;

import io.courier.command.eventsourcing.AggregateRepositories;
import io.courier.command.eventsourcing.UpToDateCachingRepository;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class ConversationCommandConfiguration {

    @Bean
    ConversationLimits conversationLimits(@Value("${courier.conversation.max-members:256}") int maxMembers,
                                          @Value("${courier.conversation.max-key-bytes:16384}") int maxKeyBytes) {
        return new ConversationLimits(maxMembers, maxKeyBytes);
    }

    /**
     * Every read marker is an event, so a busy conversation's stream grows steadily; a snapshot every
     * {@code courier.snapshot-threshold} events keeps a cache miss (and the roster reader's first read) short.
     */
    @Bean
    UpToDateCachingRepository<Conversation> conversationRepository(
            AggregateRepositories repositories, Snapshotter snapshotter,
            @Value("${courier.snapshot-threshold:100}") int snapshotThreshold) {
        return repositories.cachedAndUpToDate(Conversation.class,
                new EventCountSnapshotTriggerDefinition(snapshotter, snapshotThreshold));
    }

    /**
     * Cached rosters hold no key material, about 100 bytes per member; the bound is the members of all cached
     * rosters together ({@code capacity}: 200,000 is some 20 MB), so a few huge groups can't crowd out memory.
     */
    @Bean
    ConversationRosters conversationRosters(EventStore eventStore, DataSource dataSource,
                                            ObjectProvider<org.axonframework.config.Configuration> axon,
                                            @Value("${courier.conversation.roster-cache.capacity:200000}") long capacity,
                                            @Value("${courier.conversation.roster-cache.idle:PT30M}") Duration idle) {
        if (capacity < 0) {
            throw new IllegalArgumentException("courier.conversation.roster-cache.capacity must not be negative, got "
                    + capacity);
        }
        // Axon's configuration is built after the command handlers that use this bean: looked up on first use
        ConversationRosters rosters = new ConversationRosters(new JdbcConversationEvents(eventStore, dataSource,
                () -> axon.getObject().eventSerializer(), () -> axon.getObject().upcasterChain()), capacity, idle);
        eventStore.subscribe(new CommittedConversationEvents(rosters));
        return rosters;
    }
}
