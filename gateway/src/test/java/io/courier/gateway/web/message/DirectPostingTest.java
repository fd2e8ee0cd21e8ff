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
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilterChain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posting answers plain posts itself ({@link DirectPosting}) and leaves everything else to the general pipeline,
 * as it came: the answers are the same either way, headers and metrics included.
 */
@CourierIntegrationTest
class DirectPostingTest {

    @Autowired
    WebTestClient http;
    @Autowired
    DirectPosting directPosting;
    @Autowired
    MeterRegistry meters;

    ChatClient ada;
    ChatClient bob;
    UUID conversation;
    String path;

    @BeforeEach
    void readyConversation() {
        ada = ChatClient.signUp(http, "Ada");
        bob = ChatClient.signUp(http, "Bob");
        conversation = Chats.readyGroup(ada, bob);
        path = "/api/conversations/" + conversation + "/messages";
    }

    @Test
    void a_plain_post_is_answered_directly() {
        Passed passed = filter(post(body("direct")));

        assertThat(passed.toPipeline()).isFalse();
        assertThat(passed.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anything_but_a_plain_post_goes_down_the_general_pipeline_as_it_came() {
        String body = body("general");
        Map<String, Draft> requests = new TreeMap<>();
        requests.put("a CORS request", post(body).header(HttpHeaders.ORIGIN, "https://elsewhere.example"));
        requests.put("another media type", post(body).contentType(MediaType.TEXT_PLAIN));
        requests.put("JSON with parameters", post(body).contentType(MediaType.parseMediaType("application/json;v=2")));
        requests.put("a body without a length",
                post(body).headers(headers -> headers.remove(HttpHeaders.CONTENT_LENGTH)));
        requests.put("a chunked body", post(body).header(HttpHeaders.TRANSFER_ENCODING, "chunked"));
        requests.put("an answer asked in another type", post(body).accept(MediaType.APPLICATION_XML));
        requests.put("no token", post(body).headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION)));
        requests.put("an invalid token", post(body).headers(headers -> headers.setBearerAuth("not.a.token")));
        requests.put("two tokens", post(body).header(HttpHeaders.AUTHORIZATION, "Bearer " + bob.accessToken()));
        requests.put("basic authentication", post(body).headers(headers -> headers.setBasicAuth("ada", "secret")));
        requests.put("unreadable JSON", post("{\"clientMessageId\":"));
        requests.put("a mistyped field", post("{\"clientMessageId\":7,\"encryptedMessages\":{}}"));
        requests.put("a missing field", post("{\"clientMessageId\":\"m\"}"));
        requests.put("no ciphertexts", post("{\"clientMessageId\":\"m\",\"encryptedMessages\":{}}"));
        requests.put("a null ciphertext", post("{\"clientMessageId\":\"m\",\"encryptedMessages\":{\""
                + ada.id() + "\":null}}"));
        requests.put("another method", request(HttpMethod.PUT, path, body));
        requests.put("a path with a slash at its end", request(HttpMethod.POST, path + "/", body));
        requests.put("a conversation id not in canonical form", request(HttpMethod.POST,
                path.replace(conversation.toString(), conversation.toString().replace("-", "")), body));
        requests.put("an encoded path", request(HttpMethod.POST, path.replace("messages", "%6Dessages"), body));

        requests.forEach((what, request) -> {
            Passed passed = filter(request);
            assertThat(passed.toPipeline()).as(what).isTrue();
            assertThat(passed.bodyThere()).as(what).isEqualTo(passed.bodySent());
        });
    }

    @Test
    void a_direct_answer_is_the_general_pipelines_answer() {
        // an Accept header other than the three plain ones sends the same post down the general pipeline
        EntityExchangeResult<JsonNode> direct = postOverHttp(UUID.randomUUID().toString(), UnaryOperator.identity());
        EntityExchangeResult<JsonNode> general = postOverHttp(UUID.randomUUID().toString(),
                spec -> spec.accept(MediaType.APPLICATION_JSON, MediaType.ALL));

        assertThat(direct.getStatus()).isEqualTo(HttpStatus.CREATED).isEqualTo(general.getStatus());
        assertThat(headersBut(direct.getResponseHeaders())).isEqualTo(headersBut(general.getResponseHeaders()));
        assertThat(direct.getResponseHeaders().getLocation()).hasToString(path + "/"
                + direct.getResponseBody().get("messageGroupId").asText());
        assertThat(fieldsOf(direct.getResponseBody())).isEqualTo(fieldsOf(general.getResponseBody()));
    }

    @Test
    void a_refused_post_is_answered_as_the_general_pipeline_answers_it() {
        String onlyAda = "{\"clientMessageId\":\"refused\",\"encryptedMessages\":{\"" + ada.id() + "\":\"x\"}}";
        EntityExchangeResult<JsonNode> direct = http.post().uri(path).headers(h -> h.setBearerAuth(ada.accessToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(onlyAda).exchange()
                .expectBody(JsonNode.class).returnResult();
        EntityExchangeResult<JsonNode> general = http.post().uri(path).headers(h -> h.setBearerAuth(ada.accessToken()))
                .accept(MediaType.APPLICATION_JSON, MediaType.ALL)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(onlyAda).exchange()
                .expectBody(JsonNode.class).returnResult();

        assertThat(direct.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY).isEqualTo(general.getStatus());
        assertThat(headersBut(direct.getResponseHeaders())).isEqualTo(headersBut(general.getResponseHeaders()));
        assertThat(direct.getResponseBody()).isEqualTo(general.getResponseBody());
        assertThat(direct.getResponseBody().get("code").asText()).isEqualTo("recipients_mismatch");
    }

    @Test
    void a_direct_answer_counts_in_the_http_metrics_under_its_route() {
        long before = postsCounted();

        postOverHttp(UUID.randomUUID().toString(), UnaryOperator.identity());

        // the metric is recorded as the answer completes, a moment after the client has it
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (postsCounted() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(postsCounted()).isEqualTo(before + 1);
    }

    private long postsCounted() {
        return meters.find("http.server.requests").tag("uri", "/api/conversations/{conversationId}/messages")
                .tag("method", "POST").tag("status", "201").timers().stream().mapToLong(Timer::count).sum();
    }

    private EntityExchangeResult<JsonNode> postOverHttp(String clientMessageId,
                                                        UnaryOperator<WebTestClient.RequestBodySpec> variant) {
        return variant.apply(http.post().uri(path).headers(h -> h.setBearerAuth(ada.accessToken())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(clientMessageId)).exchange()
                .expectBody(JsonNode.class).returnResult();
    }

    /** The headers that do not depend on the message group posted. */
    private static Map<String, List<String>> headersBut(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.LOCATION) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.DATE)) {
                kept.put(name, values);
            }
        });
        return kept;
    }

    private static List<String> fieldsOf(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String body(String clientMessageId) {
        return "{\"clientMessageId\":\"" + clientMessageId + "\",\"encryptedMessages\":{\""
                + ada.id() + "\":\"for ada\",\"" + bob.id() + "\":\"for bob\"}}";
    }

    private Draft post(String body) {
        return request(HttpMethod.POST, path, body);
    }

    private Draft request(HttpMethod method, String uri, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.getBytes(StandardCharsets.UTF_8).length);
        headers.setBearerAuth(ada.accessToken());
        return new Draft(method, URI.create(uri), headers, body);
    }

    /** A request still open to changes. */
    private record Draft(HttpMethod method, URI uri, HttpHeaders headers, String body) {

        Draft header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        Draft headers(Consumer<HttpHeaders> change) {
            change.accept(headers);
            return this;
        }

        Draft contentType(MediaType type) {
            headers.setContentType(type);
            return this;
        }

        Draft accept(MediaType type) {
            headers.setAccept(List.of(type));
            return this;
        }

        MockServerHttpRequest build() {
            return MockServerHttpRequest.method(method, uri).headers(headers).body(body);
        }
    }

    /** What the filter did with a request: answered it, or passed it on with the body the pipeline then reads. */
    private record Passed(MockServerWebExchange exchange, boolean toPipeline, String bodySent, String bodyThere) {
    }

    private Passed filter(Draft draft) {
        MockServerWebExchange exchange = MockServerWebExchange.from(draft.build());
        AtomicBoolean toPipeline = new AtomicBoolean();
        AtomicReference<String> bodyThere = new AtomicReference<>();
        WebFilterChain pipeline = passed -> {
            toPipeline.set(true);
            return DataBufferUtils.join(passed.getRequest().getBody())
                    .map(buffer -> {
                        String text = buffer.toString(StandardCharsets.UTF_8);
                        DataBufferUtils.release(buffer);
                        return text;
                    })
                    .doOnNext(bodyThere::set)
                    .then();
        };
        directPosting.filter(exchange, pipeline).block(Duration.ofSeconds(30));
        return new Passed(exchange, toPipeline.get(), draft.body(), bodyThere.get());
    }
}
