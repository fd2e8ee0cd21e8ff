package io.courier.gateway.web.user;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.user.SearchUsers;
import io.courier.api.user.UserCursor;
import io.courier.api.user.UserPage;
import io.courier.gateway.web.CallerId;
import io.courier.gateway.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Finding people to talk to: by the start of their display name, or by their exact email address. */
@RestController
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserSearchController {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_SEARCH_LENGTH = 320;

    private final Queries queries;

    UserSearchController(Queries queries) {
        this.queries = queries;
    }

    @GetMapping
    Mono<UserPage> search(@AuthenticationPrincipal Jwt principal, @RequestParam String search,
                          @RequestParam(required = false) String after,
                          @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int limit) {
        String term = search.strip();
        if (term.isEmpty() || term.length() > MAX_SEARCH_LENGTH || term.chars().anyMatch(Character::isISOControl)) {
            return invalid("search must be 1 to " + MAX_SEARCH_LENGTH + " characters, without control characters");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            return invalid("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        UserCursor cursor = null;
        if (after != null) {
            cursor = UserCursor.parse(after).orElse(null);
            if (cursor == null) {
                return invalid("after must be a nextPageToken from a previous page");
            }
        }
        return queries.ask(new SearchUsers(CallerId.of(principal), term, cursor, limit),
                ResponseTypes.instanceOf(UserPage.class));
    }

    private static <T> Mono<T> invalid(String detail) {
        return Mono.error(() -> new CommandRejectedException(RejectionCode.INVALID_REQUEST, detail));
    }
}
