package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.rsocket.RSocketErrorException;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A real-time client as a test needs one: rsocket-java under Spring's {@link RSocketRequester}, JSON data,
 * composite metadata with the route and, optionally, the access token in the standard bearer form (in SETUP,
 * or with each request). Error frames come back as {@link RSocketErrorException}s whose message is the JSON body.
 */
public final class RealtimeClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final MimeType AUTHENTICATION =
            MimeTypeUtils.parseMimeType(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString());
    private static final RSocketStrategies STRATEGIES = RSocketStrategies.builder()
            .encoders(encoders -> encoders.add(new Jackson2JsonEncoder(JSON)))
            .decoders(decoders -> decoders.add(new Jackson2JsonDecoder(JSON)))
            .build();

    private final RSocketRequester requester;

    private RealtimeClient(RSocketRequester requester) {
        this.requester = requester;
    }

    /** Over WebSocket at {@code /rsocket}, as browsers connect; {@code setupToken} may be null (anonymous SETUP). */
    public static RealtimeClient webSocket(int port, String setupToken) {
        return new RealtimeClient(builder(setupToken).websocket(URI.create("ws://localhost:" + port + "/rsocket")));
    }

    public static RealtimeClient tcp(int port, String setupToken) {
        return new RealtimeClient(builder(setupToken).tcp("localhost", port));
    }

    private static RSocketRequester.Builder builder(String setupToken) {
        RSocketRequester.Builder builder = RSocketRequester.builder()
                .rsocketStrategies(STRATEGIES)
                .dataMimeType(MediaType.APPLICATION_JSON)
                .rsocketConnector(connector -> connector.keepAlive(Duration.ofSeconds(20), Duration.ofSeconds(90)));
        if (setupToken != null) {
            builder.setupMetadata(bearer(setupToken), AUTHENTICATION);
        }
        return builder;
    }

    /** The standard bearer form of {@code message/x.rsocket.authentication.v0}. */
    public static byte[] bearer(String token) {
        ByteBuf metadata = AuthMetadataCodec.encodeBearerMetadata(ByteBufAllocator.DEFAULT, token.toCharArray());
        try {
            return ByteBufUtil.getBytes(metadata);
        } finally {
            metadata.release();
        }
    }

    public Flux<JsonNode> stream(String route) {
        return stream(route, null, null);
    }

    /** A request-stream; {@code data} ({@code {after}}) and {@code token} (per request) may be null. */
    public Flux<JsonNode> stream(String route, Object data, String token) {
        return spec(route, data, token).retrieveFlux(JsonNode.class);
    }

    public Mono<JsonNode> request(String route, Object data) {
        return request(route, data, null);
    }

    public Mono<JsonNode> request(String route, Object data, String token) {
        return spec(route, data == null ? Map.of() : data, token).retrieveMono(JsonNode.class);
    }

    public Mono<Void> fireAndForget(String route, String token) {
        return spec(route, Map.of(), token).send();
    }

    private RSocketRequester.RetrieveSpec spec(String route, Object data, String token) {
        RSocketRequester.RequestSpec request = requester.route(route);
        if (token != null) {
            request = request.metadata(bearer(token), AUTHENTICATION);
        }
        return data == null ? request : request.data(data);
    }

    /** Completes when the connection closes, with the connection-level error frame if there was one. */
    public Mono<Void> closed() {
        return requester.rsocketClient().source().flatMap(rsocket -> rsocket.onClose());
    }

    /** The JSON body of an error frame. */
    public static JsonNode errorBody(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof RSocketErrorException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            throw new AssertionError("Not an error frame", failure);
        }
        try {
            return JSON.readTree(cause.getMessage());
        } catch (Exception notJson) {
            throw new AssertionError("The error frame's message is no JSON: " + cause.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        requester.dispose();
    }
}
