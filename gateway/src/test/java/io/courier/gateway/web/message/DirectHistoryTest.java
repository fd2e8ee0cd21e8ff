package io.courier.gateway.web.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.CourierIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History pages are answered directly for plain requests ({@link DirectHistory}); everything else goes down the
 * general pipeline: the answers are the same either way, headers, refusals and metrics included.
 */
@CourierIntegrationTest
class DirectHistoryTest {

    private static final UnaryOperator<WebTestClient.RequestHeadersSpec<?>> DIRECTLY = UnaryOperator.identity();
    // an Accept header other than the three plain ones sends the same request down the general pipeline
    private static final UnaryOperator<WebTestClient.RequestHeadersSpec<?>> GENERALLY =
            spec -> spec.accept(MediaType.APPLICATION_JSON, MediaType.ALL);

    @Autowired
    WebTestClient http;
    @Autowired
    DirectHistory directHistory;
    @Autowired
    MeterRegistry meters;

    ChatClient ada;
    ChatClient bob;
    UUID conversation;
    String path;

    @BeforeEach
    void conversationWithThreeMessages() {
        ada = ChatClient.signUp(http, "Ada");
        bob = ChatClient.signUp(http, "Bob");
        conversation = Chats.readyGroup(ada, bob);
        path = "/api/conversations/" + conversation + "/messages";
        for (String text : List.of("one", "two", "three")) {
            Chats.post(ada, conversation, List.of(ada, bob), text);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bob.history(conversation, "").get("items").size() == 3);
    }

    @Test
    void a_plain_page_request_is_answered_directly() {
        String older = bob.history(conversation, "?limit=1").get("nextPageToken").asText();

        for (String query : List.of("", "?limit=2", "?before=" + older, "?limit=200&before=" + older,
                "?before=" + older + "&limit=1")) {
            Passed passed = filter(get(path + query));
            assertThat(passed.toPipeline()).as(query).isFalse();
            assertThat(passed.exchange().getResponse().getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void anything_but_a_plain_page_request_goes_down_the_general_pipeline() {
        String older = bob.history(conversation, "?limit=1").get("nextPageToken").asText();
        Map<String, Draft> requests = new TreeMap<>();
        requests.put("a CORS request", get(path).header(HttpHeaders.ORIGIN, "https://elsewhere.example"));
        requests.put("an answer asked in another type", get(path).header(HttpHeaders.ACCEPT, "application/xml"));
        requests.put("no token", get(path).headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION)));
        requests.put("an invalid token", get(path).headers(headers -> headers.setBearerAuth("not.a.token")));
        requests.put("two tokens", get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ada.accessToken()));
        requests.put("basic authentication", get(path).headers(headers -> headers.setBasicAuth("bob", "secret")));
        requests.put("a body", get(path).headers(headers -> headers.setContentLength(2)));
        requests.put("a chunked body", get(path).header(HttpHeaders.TRANSFER_ENCODING, "chunked"));
        requests.put("another method", new Draft(HttpMethod.DELETE, path, get(path).headers()));
        requests.put("a path with a slash at its end", get(path + "/"));
        requests.put("a conversation id not in canonical form",
                get(path.replace(conversation.toString(), conversation.toString().replace("-", ""))));
        requests.put("an encoded path", get(path.replace("messages", "%6Dessages")));
        requests.put("an empty query", get(path + "?"));
        requests.put("a limit of 0", get(path + "?limit=0"));
        requests.put("a limit over 200", get(path + "?limit=201"));
        requests.put("a limit with a leading zero", get(path + "?limit=050"));
        requests.put("a limit that is no number", get(path + "?limit=ten"));
        requests.put("an empty limit", get(path + "?limit="));
        requests.put("a limit without a value", get(path + "?limit"));
        requests.put("two limits", get(path + "?limit=5&limit=6"));
        requests.put("a token this server did not make", get(path + "?before=bm90LWEtY3Vyc29y"));
        requests.put("two tokens to page before", get(path + "?before=" + older + "&before=" + older));
        requests.put("an encoded parameter", get(path + "?%6Cimit=5"));
        requests.put("another parameter", get(path + "?limit=5&after=x"));

        requests.forEach((what, request) -> assertThat(filter(request).toPipeline()).as(what).isTrue());
    }

    @Test
    void a_direct_page_is_the_general_pipelines_page() {
        EntityExchangeResult<JsonNode> direct = page(bob, "?limit=2", DIRECTLY);
        EntityExchangeResult<JsonNode> general = page(bob, "?limit=2", GENERALLY);

        assertThat(direct.getStatus()).isEqualTo(HttpStatus.OK).isEqualTo(general.getStatus());
        assertThat(headersBut(direct.getResponseHeaders())).isEqualTo(headersBut(general.getResponseHeaders()));
        assertThat(direct.getResponseBody()).isEqualTo(general.getResponseBody());
        assertThat(direct.getResponseBody().get("items")).hasSize(2);
        assertThat(direct.getResponseBody().get("items").get(0).get("content").asText())
                .as("the reader's own copy of the newest").isEqualTo(Chats.copyFor("three", bob));

        String older = direct.getResponseBody().get("nextPageToken").asText();
        JsonNode oldest = page(bob, "?before=" + older, DIRECTLY).getResponseBody();
        assertThat(oldest).isEqualTo(page(bob, "?before=" + older, GENERALLY).getResponseBody());
        assertThat(oldest.get("items")).hasSize(1);
        assertThat(oldest.get("nextPageToken").isNull()).isTrue();
    }

    @Test
    void someone_who_may_not_see_the_conversation_gets_the_same_404_either_way() {
        ChatClient eve = ChatClient.signUp(http, "Eve");

        EntityExchangeResult<JsonNode> direct = page(eve, "", DIRECTLY);
        EntityExchangeResult<JsonNode> general = page(eve, "", GENERALLY);

        assertThat(direct.getStatus()).isEqualTo(HttpStatus.NOT_FOUND).isEqualTo(general.getStatus());
        assertThat(headersBut(direct.getResponseHeaders())).isEqualTo(headersBut(general.getResponseHeaders()));
        assertThat(direct.getResponseBody()).isEqualTo(general.getResponseBody());
        assertThat(direct.getResponseBody().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void a_direct_page_counts_in_the_http_metrics_under_its_route() {
        long before = pagesCounted();

        page(bob, "", DIRECTLY);

        // the metric is recorded as the answer completes, a moment after the client has it
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pagesCounted() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pagesCounted()).isEqualTo(before + 1);
    }

    private long pagesCounted() {
        return meters.find("http.server.requests").tag("uri", "/api/conversations/{conversationId}/messages")
                .tag("method", "GET").tag("status", "200").timers().stream().mapToLong(Timer::count).sum();
    }

    private EntityExchangeResult<JsonNode> page(ChatClient reader, String query,
                                                UnaryOperator<WebTestClient.RequestHeadersSpec<?>> variant) {
        return variant.apply(http.get().uri(path + query)
                        .headers(h -> h.setBearerAuth(reader.accessToken())))
                .exchange().expectBody(JsonNode.class).returnResult();
    }

    /** The headers that do not depend on when the answer was given. */
    private static Map<String, List<String>> headersBut(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.DATE)) {
                kept.put(name, values);
            }
        });
        return kept;
    }

    private Draft get(String uri) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(bob.accessToken());
        return new Draft(HttpMethod.GET, uri, headers);
    }

    /** A request still open to changes. */
    private record Draft(HttpMethod method, String uri, HttpHeaders headers) {

        Draft header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        Draft headers(Consumer<HttpHeaders> change) {
            change.accept(headers);
            return this;
        }

        MockServerHttpRequest build() {
            return MockServerHttpRequest.method(method, URI.create(uri)).headers(headers).build();
        }
    }

    /** What the filter did with a request: answered it, or passed it on. */
    private record Passed(MockServerWebExchange exchange, boolean toPipeline) {
    }

    private Passed filter(Draft draft) {
        MockServerWebExchange exchange = MockServerWebExchange.from(draft.build());
        AtomicBoolean toPipeline = new AtomicBoolean();
        WebFilterChain pipeline = passed -> {
            toPipeline.set(true);
            return Mono.empty();
        };
        directHistory.filter(exchange, pipeline).block(Duration.ofSeconds(30));
        return new Passed(exchange, toPipeline.get());
    }
}
