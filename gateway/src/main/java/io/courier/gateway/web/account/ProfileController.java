package io.courier.gateway.web.account;

import io.courier.api.account.AddRecent;
import io.courier.api.account.FindProfile;
import io.courier.api.account.ProfileView;
import io.courier.api.account.UpdateProfile;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.NotFound;
import io.courier.gateway.web.Queries;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The signed-in user's profile. Reads come from the read model and may lag a change by milliseconds. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ProfileController {

    private final Commands commands;
    private final Queries queries;

    ProfileController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/profile")
    Mono<ProfileView> profile(@AuthenticationPrincipal Jwt principal) {
        return queries.ask(new FindProfile(CallerId.of(principal)), ResponseTypes.instanceOf(ProfileView.class))
                .switchIfEmpty(NotFound.error("Profile"));
    }

    @PatchMapping("/profile")
    Mono<ResponseEntity<Void>> update(@AuthenticationPrincipal Jwt principal, @Valid @RequestBody ProfileRequest request) {
        return commands.send(new UpdateProfile(CallerId.of(principal), request.displayName(),
                        request.textMagnification(), request.theme(), request.hidden(), request.recents()))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    @PostMapping("/recents")
    Mono<ResponseEntity<Void>> visited(@AuthenticationPrincipal Jwt principal, @Valid @RequestBody RecentRequest request) {
        return commands.send(new AddRecent(CallerId.of(principal), request.page()))
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
