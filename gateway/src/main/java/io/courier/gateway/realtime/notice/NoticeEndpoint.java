package io.courier.gateway.realtime.notice;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code POST /actuator/notice {"message": "..."}} on the management port: a {@code server_notice} frame on every
 * {@code system.general} stream of every node.
 */
@Component
@Endpoint(id = "notice")
class NoticeEndpoint {

    private final ServerNotices notices;

    NoticeEndpoint(ServerNotices notices) {
        this.notices = notices;
    }

    @WriteOperation
    Map<String, Object> send(String message) {
        return Map.of("streamsOnThisNode", notices.broadcast(message));
    }
}
