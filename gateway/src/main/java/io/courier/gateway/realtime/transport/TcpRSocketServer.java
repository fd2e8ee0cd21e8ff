package io.courier.gateway.realtime.transport;

import io.courier.gateway.config.BindAddress;
import io.courier.gateway.realtime.RealtimeProperties;
import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.stereotype.Component;
import reactor.netty.tcp.TcpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * RSocket over TCP on {@code RSOCKET_PORT}, for clients that are not browsers: the same responder (routes),
 * security and interceptors as the WebSocket endpoint, on the same address as the HTTP server.
 */
@Component
public class TcpRSocketServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TcpRSocketServer.class);

    private final RealtimeProperties properties;
    private final RSocketMessageHandler handler;
    private final ObjectProvider<RSocketServerCustomizer> customizers;
    private final BindAddress bindAddress;
    private volatile CloseableChannel channel;

    TcpRSocketServer(RealtimeProperties properties, RSocketMessageHandler handler,
                     ObjectProvider<RSocketServerCustomizer> customizers, BindAddress bindAddress) {
        this.properties = properties;
        this.handler = handler;
        this.customizers = customizers;
        this.bindAddress = bindAddress;
    }

    /** The port it listens on, 0 when it does not. */
    public int port() {
        CloseableChannel bound = channel;
        return bound == null ? 0 : bound.address().getPort();
    }

    @Override
    public void start() {
        if (properties.tcpPort() < 0) {
            return;
        }
        RSocketServer server = RSocketServer.create(handler.responder());
        customizers.orderedStream().forEach(customizer -> customizer.customize(server));
        InetAddress address = bindAddress.address();
        InetSocketAddress socket = address == null ? new InetSocketAddress(properties.tcpPort())
                : new InetSocketAddress(address, properties.tcpPort());
        channel = server.bind(TcpServerTransport.create(TcpServer.create().bindAddress(() -> socket)))
                .block(Duration.ofSeconds(30));
        log.info("RSocket over TCP on {}", channel.address());
    }

    @Override
    public void stop() {
        CloseableChannel bound = channel;
        if (bound != null) {
            bound.dispose();
            bound.onClose().block(Duration.ofSeconds(5));
            channel = null;
        }
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    /** Starts with the web server; stops after the connections were closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
