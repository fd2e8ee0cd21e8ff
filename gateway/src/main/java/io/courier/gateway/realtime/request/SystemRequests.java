package io.courier.gateway.realtime.request;

import io.courier.api.account.UpdateProfile;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.security.SessionWatch;
import io.courier.gateway.web.Commands;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The profile fields the system channel of the replaced server changed: being shown as online, and the display
 * name. The same {@link UpdateProfile} command as {@code PATCH /api/profile}, with one field set.
 */
@Controller
class SystemRequests {

    private final Commands commands;
    private final SessionWatch sessions;

    SystemRequests(Commands commands, SessionWatch sessions) {
        this.commands = commands;
        this.sessions = sessions;
    }

    record SetHidden(@NotNull Boolean hidden) {
    }

    record SetDisplayName(@NotNull @Size(max = 256) String displayName) {
    }

    @MessageMapping("system.set_hidden")
    Mono<Map<String, Object>> setHidden(@Valid @Payload SetHidden request, @AuthenticationPrincipal Jwt token) {
        Caller caller = caller(token);
        return commands.send(new UpdateProfile(caller.userId(), null, null, null, request.hidden(), null))
                .then(Mono.fromSupplier(Answers::ok));
    }

    @MessageMapping("system.set_display_name")
    Mono<Map<String, Object>> setDisplayName(@Valid @Payload SetDisplayName request, @AuthenticationPrincipal Jwt token) {
        Caller caller = caller(token);
        return commands.send(new UpdateProfile(caller.userId(), request.displayName(), null, null, null, null))
                .then(Mono.fromSupplier(Answers::ok));
    }

    private Caller caller(Jwt token) {
        Caller caller = Caller.of(token);
        sessions.check(caller);
        return caller;
    }
}
