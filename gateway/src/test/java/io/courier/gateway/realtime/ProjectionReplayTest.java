package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event tail is no event processor: rebuilding a read model replays events to it, never to live streams. */
@CourierIntegrationTest
class ProjectionReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void rebuilding_the_message_read_model_sends_no_old_message_to_live_streams() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        UUID old = Chats.post(ada, conversation, List.of(ada, bob), "old");
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id())).live(bob)) {
            int before = frames.frames().size();
            StreamingEventProcessor messages = processing.eventProcessor("messages", StreamingEventProcessor.class)
                    .orElseThrow();
            messages.shutDown();
            messages.resetTokens();
            messages.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !messages.processingStatus().isEmpty()
                    && messages.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));

            UUID fresh = Chats.post(ada, conversation, List.of(ada, bob), "fresh");
            frames.await(frame -> frame.get("payload").path("messageGroupId").asText().equals(fresh.toString()));
            List<String> sinceTheReset = frames.frames().subList(before, frames.frames().size()).stream()
                    .filter(frame -> frame.get("event").asText().equals("new_message"))
                    .map(frame -> frame.get("payload").get("messageGroupId").asText()).toList();
            assertThat(sinceTheReset).containsExactly(fresh.toString());
            assertThat(frames.frames()).extracting(frame -> frame.get("cursor").asText()).doesNotHaveDuplicates();
            JsonNode history = bob.history(conversation, "");
            assertThat(history.get("items").findValuesAsText("messageGroupId")).contains(old.toString());
        }
    }
}
