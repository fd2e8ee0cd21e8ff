package io.courier.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.rsocket.util.ByteBufPayload;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One real-time client connection as the protocol describes it (docs/realtime.md), on plain rsocket-java: JSON
 * data, composite metadata with the route, the access token as standard bearer metadata in SETUP.
 */
final class RealtimeConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSocket rsocket;

    private RealtimeConnection(RSocket rsocket) {
        this.rsocket = rsocket;
    }

    /**
     * Reactor Netty's HTTP client pools connections (500 per host by default) and a WebSocket holds its slot for
     * good: thousands of clients need a client that does not pool.
     */
    private static final HttpClient UNPOOLED = HttpClient.create(ConnectionProvider.newConnection());

    static Mono<RealtimeConnection> webSocket(URI httpBase, String accessToken) {
        HttpClient http = UNPOOLED.host(httpBase.getHost()).port(httpBase.getPort());
        return connector(accessToken).connect(WebsocketClientTransport.create(http, "/rsocket")).map(RealtimeConnection::new);
    }

    static Mono<RealtimeConnection> tcp(String host, int port, String accessToken) {
        return connector(accessToken).connect(TcpClientTransport.create(host, port)).map(RealtimeConnection::new);
    }

    private static RSocketConnector connector(String accessToken) {
        CompositeByteBuf setup = ByteBufAllocator.DEFAULT.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(setup, ByteBufAllocator.DEFAULT,
                WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                AuthMetadataCodec.encodeBearerMetadata(ByteBufAllocator.DEFAULT, accessToken.toCharArray()));
        return RSocketConnector.create()
                .dataMimeType(WellKnownMimeType.APPLICATION_JSON.getString())
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .keepAlive(Duration.ofSeconds(20), Duration.ofSeconds(90))
                .setupPayload(ByteBufPayload.create(Unpooled.EMPTY_BUFFER, setup));
    }

    /** A request-stream; frames come as the raw JSON bytes of {@code {event, cursor, payload}}. */
    Flux<byte[]> stream(String route, Object data) {
        return rsocket.requestStream(payload(route, data)).map(frame -> {
            try {
                byte[] bytes = new byte[frame.data().readableBytes()];
                frame.data().readBytes(bytes);
                return bytes;
            } finally {
                frame.release();
            }
        });
    }

    Mono<Void> onClose() {
        return rsocket.onClose();
    }

    private static Payload payload(String route, Object data) {
        CompositeByteBuf metadata = ByteBufAllocator.DEFAULT.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(metadata, ByteBufAllocator.DEFAULT,
                WellKnownMimeType.MESSAGE_RSOCKET_ROUTING,
                TaggingMetadataCodec.createRoutingMetadata(ByteBufAllocator.DEFAULT, List.of(route)).getContent());
        ByteBuf json;
        try {
            json = Unpooled.wrappedBuffer(JSON.writeValueAsBytes(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ByteBufPayload.create(json, metadata);
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        rsocket.dispose();
    }
}
