package io.courier.command.account;

import io.courier.api.account.AddRecent;
import io.courier.api.account.DisplayNameChanged;
import io.courier.api.account.PreferencesChanged;
import io.courier.api.account.RecentsChanged;
import io.courier.api.account.SealedFields;
import io.courier.api.account.Theme;
import io.courier.api.account.UpdateProfile;
import io.courier.api.common.RejectionCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class ProfileTest extends UserFixture {

    @Test
    void each_changed_field_is_stored_personal_ones_sealed() {
        fixture.given(registered())
                .when(new UpdateProfile(USER, " Ada Lovelace ", new BigDecimal("1.20"), "night", true,
                        List.of("/conversations/1", "/settings")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(DisplayNameChanged.class, changed ->
                                "Ada Lovelace".equals(open(SealedFields.DISPLAY_NAME, changed.sealedDisplayName()))),
                        event(PreferencesChanged.class, changed -> changed.textMagnification().equals(new BigDecimal("1.2"))
                                && changed.theme() == Theme.NIGHT && changed.hidden()),
                        event(RecentsChanged.class, changed -> "/conversations/1\n/settings".equals(
                                open(SealedFields.RECENTS, changed.sealedRecents()))),
                        andNoMore())));
    }

    @Test
    void fields_left_out_or_unchanged_store_nothing() {
        fixture.given(registered())
                .when(new UpdateProfile(USER, "Ada", new BigDecimal("1.0"), "auto", false, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered())
                .when(new UpdateProfile(USER, null, null, null, null, null))
                .expectNoEvents();
        fixture.given(registered(), new PreferencesChanged(USER, new BigDecimal("0.8"), Theme.DAY, false, NOW))
                .when(new UpdateProfile(USER, null, null, null, true, null))
                .expectEvents(new PreferencesChanged(USER, new BigDecimal("0.8"), Theme.DAY, true, NOW));
    }

    @Test
    void text_magnification_is_0_7_to_1_4_in_steps_of_a_tenth() {
        for (String refused : new String[]{"0.6", "1.5", "1.05", "0", "-1", "14"}) {
            fixture.given(registered())
                    .when(new UpdateProfile(USER, null, new BigDecimal(refused), null, null, null))
                    .expectException(rejection(RejectionCode.INVALID_TEXT_MAGNIFICATION))
                    .expectNoEvents();
        }
        for (String accepted : new String[]{"0.7", "1.4", "1.10", "0.90"}) {
            fixture.given(registered())
                    .when(new UpdateProfile(USER, null, new BigDecimal(accepted), null, null, null))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Test
    void the_theme_is_auto_day_or_night() {
        for (String refused : new String[]{"dark", "AUTO", "", " day"}) {
            fixture.given(registered())
                    .when(new UpdateProfile(USER, null, null, refused, null, null))
                    .expectException(rejection(RejectionCode.INVALID_THEME))
                    .expectNoEvents();
        }
    }

    @Test
    void a_refused_field_stores_none_of_the_others() {
        fixture.given(registered())
                .when(new UpdateProfile(USER, "Grace", new BigDecimal("1.2"), "sepia", true, null))
                .expectException(rejection(RejectionCode.INVALID_THEME))
                .expectNoEvents();
        fixture.given(registered())
                .when(new UpdateProfile(USER, "G", new BigDecimal("1.2"), "day", true, null))
                .expectException(rejection(RejectionCode.INVALID_DISPLAY_NAME))
                .expectNoEvents();
    }

    @Test
    void recents_are_bounded_distinct_and_free_of_control_characters() {
        List<String> tooMany = IntStream.rangeClosed(1, 21).mapToObj(i -> "/page/" + i).toList();
        for (List<String> refused : List.of(tooMany, List.of("/a", "/a"), List.of(""), List.of("/a\n/b"),
                List.of("x".repeat(201)))) {
            fixture.given(registered())
                    .when(new UpdateProfile(USER, null, null, null, null, refused))
                    .expectException(rejection(RejectionCode.INVALID_RECENTS))
                    .expectNoEvents();
        }
    }

    @Test
    void a_visited_page_moves_to_the_front_once_and_the_oldest_drops_off_past_20() {
        List<String> twenty = new ArrayList<>(IntStream.rangeClosed(1, 20).mapToObj(i -> "/page/" + i).toList());
        RecentsChanged current = new RecentsChanged(USER, seal(SealedFields.RECENTS, String.join("\n", twenty)), NOW);

        fixture.given(registered(), current)
                .when(new AddRecent(USER, "/page/7"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(RecentsChanged.class, changed -> {
                    List<String> expected = new ArrayList<>(twenty);
                    expected.remove("/page/7");
                    expected.add(0, "/page/7");
                    return String.join("\n", expected).equals(open(SealedFields.RECENTS, changed.sealedRecents()));
                }), andNoMore())));
        fixture.given(registered(), current)
                .when(new AddRecent(USER, "/page/new"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(RecentsChanged.class, changed -> {
                    List<String> pages = List.of(open(SealedFields.RECENTS, changed.sealedRecents()).split("\n"));
                    return pages.size() == 20 && pages.get(0).equals("/page/new") && !pages.contains("/page/20");
                }), andNoMore())));
        fixture.given(registered(), current)
                .when(new AddRecent(USER, "/page/1"))
                .expectNoEvents();
    }

    @Test
    void a_visited_page_must_be_valid() {
        fixture.given(registered())
                .when(new AddRecent(USER, " "))
                .expectException(rejection(RejectionCode.INVALID_RECENTS))
                .expectNoEvents();
        fixture.given(registered())
                .when(new AddRecent(USER, String.join("", Collections.nCopies(201, "y"))))
                .expectException(rejection(RejectionCode.INVALID_RECENTS))
                .expectNoEvents();
    }
}
