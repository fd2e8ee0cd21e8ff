package io.courier.gateway.user;

import io.courier.vault.PersonalData;
import io.courier.api.account.UserRegistered;
import io.courier.api.user.SearchUsers;
import io.courier.api.user.UserCursor;
import io.courier.api.user.UserPage;
import io.courier.api.user.UserView;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finding other users to talk to, by display-name prefix or exact email, through the query gateway. */
@CourierIntegrationTest
class UserSearchTest {

    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventBus eventBus;
    @Autowired
    JdbcTemplate jdbc;

    /** Display names in this test start with it, so that users of other tests never match. */
    String tag;
    UUID caller;

    @BeforeEach
    void setUp() {
        tag = randomLetters(8);
        caller = register(tag + " Me", uniqueEmail());
    }

    @Test
    void finds_other_users_whose_display_name_starts_with_the_search_in_any_case() {
        UUID upper = register(tag.toUpperCase() + "Ada", uniqueEmail());
        UUID lower = register(tag + "bert", uniqueEmail());
        register("x" + tag + "Contains", uniqueEmail());

        assertThat(search(tag, null, 10).items()).extracting(UserView::userId).containsExactlyInAnyOrder(upper, lower);
        assertThat(search(tag.toUpperCase() + "B", null, 10).items()).containsExactly(new UserView(lower, tag + "bert"));
    }

    @Test
    void letters_beyond_ascii_are_matched_in_any_case() {
        UUID elodie = register(tag + "Élodie", uniqueEmail());

        assertThat(search(tag + "élo", null, 10).items()).extracting(UserView::userId).containsExactly(elodie);
        assertThat(search(tag.toUpperCase() + "ÉLO", null, 10).items()).extracting(UserView::userId).containsExactly(elodie);
    }

    @Test
    void finds_a_user_by_exact_email_whatever_its_case_or_unicode_form_but_not_by_part_of_it() {
        String email = "kelvin-" + tag + "@example.com";
        UUID kelvin = register("Kelvin " + tag, email);

        // U+212A KELVIN SIGN and full-width letters normalise (NFKC) to the plain address
        assertThat(search("\u212Aelvin-" + tag.toUpperCase() + "@EXAMPLE.com", null, 10).items())
                .containsExactly(new UserView(kelvin, "Kelvin " + tag));
        assertThat(search("  kelvin-" + tag + "@ｅｘａｍｐｌｅ.com ", null, 10).items()).extracting(UserView::userId)
                .containsExactly(kelvin);
        assertThat(search("kelvin-" + tag, null, 10).items()).isEmpty();
        assertThat(search("kelvin-" + tag + "@example.co", null, 10).items()).isEmpty();
    }

    @Test
    void never_finds_the_caller_by_name_or_email() {
        String email = uniqueEmail();
        UUID me = register(tag + " Myself", email);

        assertThat(search(me, tag, null, 10).items()).extracting(UserView::userId).doesNotContain(me).contains(caller);
        assertThat(search(me, email, null, 10).items()).isEmpty();
    }

    @Test
    void a_user_matching_by_name_and_by_email_is_listed_once() {
        String email = (tag + "-both@example.com").toLowerCase();
        UUID both = register(email, email);

        assertThat(search(email, null, 10).items()).extracting(UserView::userId).containsExactly(both);
    }

    @Test
    void results_come_in_pages_by_lower_cased_name_then_id_with_nothing_repeated_or_skipped() {
        Map<UUID, String> users = new LinkedHashMap<>();
        for (String name : List.of("e", "B", "d", "a", "C", "c", "b")) {
            users.put(register(tag + "-" + name, uniqueEmail()), tag + "-" + name);
        }
        List<UserView> expected = users.entrySet().stream().map(user -> new UserView(user.getKey(), user.getValue()))
                .sorted((x, y) -> {
                    int byName = x.displayName().toLowerCase().compareTo(y.displayName().toLowerCase());
                    return byName != 0 ? byName : x.userId().toString().compareTo(y.userId().toString());
                }).toList();

        List<UserView> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        UserPage page = search(tag + "-", null, 3);
        while (true) {
            seen.addAll(page.items());
            sizes.add(page.items().size());
            if (page.nextPageToken() == null) {
                break;
            }
            page = search(tag + "-", UserCursor.parse(page.nextPageToken()).orElseThrow(), 3);
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void wildcards_in_the_search_are_taken_literally() {
        UUID percent = register(tag + "50% off", uniqueEmail());
        register(tag + "500 club", uniqueEmail());
        UUID underscore = register(tag + "a_b", uniqueEmail());
        register(tag + "axb", uniqueEmail());
        UUID backslash = register(tag + "c\\d", uniqueEmail());
        register(tag + "cd", uniqueEmail());

        assertThat(search(tag + "50%", null, 10).items()).extracting(UserView::userId).containsExactly(percent);
        assertThat(search(tag + "a_", null, 10).items()).extracting(UserView::userId).containsExactly(underscore);
        assertThat(search(tag + "c\\", null, 10).items()).extracting(UserView::userId).containsExactly(backslash);
        assertThat(search(tag + "%", null, 10).items()).isEmpty();
    }

    @Test
    void the_page_size_is_held_between_1_and_100() {
        for (int i = 0; i < 3; i++) {
            register(tag + "-" + i, uniqueEmail());
        }

        assertThat(search(tag + "-", null, 0).items()).hasSize(1);
        assertThat(search(tag + "-", null, 0).nextPageToken()).isNotNull();
        assertThat(search(tag + "-", null, 1_000).items()).hasSize(3);
    }

    private UserPage search(String text, UserCursor after, int limit) {
        return search(caller, text, after, limit);
    }

    private UserPage search(UUID callerId, String text, UserCursor after, int limit) {
        return queryGateway.query(new SearchUsers(callerId, text, after, limit), ResponseTypes.instanceOf(UserPage.class))
                .join();
    }

    private UUID register(String displayName, String email) {
        UUID userId = UUID.randomUUID();
        eventBus.publish(GenericEventMessage.asEventMessage(new UserRegistered(userId, PersonalData.plain(email),
                PersonalData.plain("$argon2id$not-a-real-hash"), PersonalData.plain(displayName),
                Instant.parse("2026-11-01T09:00:00Z"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM account_view WHERE user_id = ?", Integer.class, userId) == 1);
        return userId;
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
