package io.courier.query.user;

import io.courier.api.user.UserCursor;
import io.courier.api.user.UserPage;
import io.courier.api.user.UserView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Other users by display-name prefix (case-insensitive) or exact email, ordered by lower-cased display
 * name in code-point order, then id, and paged by key after the cursor. Only ids and display names are
 * ever selected.
 * <p>
 * Each branch walks its own index ({@code account_view_display_name_search}, {@code account_view_email_search})
 * and stops after a page; the two short lists are then merged. The prefix is also given as a range
 * ({@code >= prefix} and below prefix followed by U+10FFFF), which the index serves whatever plan PostgreSQL
 * picks for a parameterised LIKE; the LIKE keeps the meaning exact.
 */
@Component
class UserSearch {

    static final int MAX_LIMIT = 100;

    private static final String SEARCH = """
            SELECT user_id, display_name FROM (
                (SELECT user_id, display_name, lower(display_name) COLLATE "C" AS sort_name
                 FROM account_view
                 WHERE lower(display_name) COLLATE "C" >= lower(CAST(:prefix AS text)) COLLATE "C"
                   AND lower(display_name) COLLATE "C" < (lower(CAST(:prefix AS text)) || chr(1114111)) COLLATE "C"
                   AND lower(display_name) COLLATE "C" LIKE lower(CAST(:pattern AS text)) ESCAPE '\\'
                   AND user_id <> :caller %1$s
                 ORDER BY lower(display_name) COLLATE "C", user_id
                 LIMIT :fetch)
                UNION
                (SELECT user_id, display_name, lower(display_name) COLLATE "C" AS sort_name
                 FROM account_view
                 WHERE lower(email) = :email AND user_id <> :caller %1$s)
            ) found
            ORDER BY sort_name, user_id
            LIMIT :fetch""";

    private static final String FIRST_PAGE = SEARCH.formatted("");
    private static final String NEXT_PAGE = SEARCH.formatted("""
            AND (lower(display_name) COLLATE "C", user_id)
                > (lower(CAST(:afterName AS text)) COLLATE "C", CAST(:afterId AS uuid))""");

    private final DatabaseClient db;

    UserSearch(DatabaseClient db) {
        this.db = db;
    }

    /** {@code limit} is held to 1..100. */
    Mono<UserPage> page(UUID caller, String search, UserCursor after, int limit) {
        int size = Math.max(1, Math.min(MAX_LIMIT, limit));
        SearchTerm term = SearchTerm.of(search);
        DatabaseClient.GenericExecuteSpec statement = db.sql(after == null ? FIRST_PAGE : NEXT_PAGE)
                .bind("caller", caller)
                .bind("prefix", term.prefix())
                .bind("pattern", term.likePattern())
                .bind("email", term.email())
                .bind("fetch", size + 1);
        if (after != null) {
            statement = statement.bind("afterName", after.displayName()).bind("afterId", after.userId());
        }
        return statement.map(row -> new UserView(row.get("user_id", UUID.class), row.get("display_name", String.class)))
                .all().collectList().map(users -> page(users, size));
    }

    private static UserPage page(List<UserView> users, int size) {
        if (users.size() <= size) {
            return new UserPage(List.copyOf(users), null);
        }
        UserView last = users.get(size - 1);
        return new UserPage(List.copyOf(users.subList(0, size)), new UserCursor(last.displayName(), last.userId()).token());
    }
}
