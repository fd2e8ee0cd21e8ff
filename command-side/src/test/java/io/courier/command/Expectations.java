package io.courier.command;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import org.axonframework.messaging.Message;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Matchers for aggregate fixtures. */
public final class Expectations {

    private Expectations() {
    }

    /** Untyped, so that matchers of different event types make one sequence. */
    public static <T> Matcher<Object> event(Class<T> type, Predicate<T> check) {
        return new CustomTypeSafeMatcher<>("a matching " + type.getSimpleName()) {
            @Override
            protected boolean matchesSafely(Object item) {
                return type.isInstance(item) && check.test(type.cast(item));
            }
        };
    }

    public static Matcher<CommandRejectedException> rejection(RejectionCode code) {
        return new CustomTypeSafeMatcher<>("a rejection with code " + code) {
            @Override
            protected boolean matchesSafely(CommandRejectedException rejection) {
                return rejection.code() == code;
            }
        };
    }

    public static Matcher<CommandRejectedException> rejection(RejectionCode code, Map<String, List<String>> details) {
        return new CustomTypeSafeMatcher<>("a rejection with code " + code + " and details " + details) {
            @Override
            protected boolean matchesSafely(CommandRejectedException rejection) {
                return rejection.code() == code && rejection.details().equals(details);
            }
        };
    }

    /** No event, as stored (JSON) or logged (toString), contains any of {@code texts}. */
    public static Matcher<List<Message<?>>> noEventContains(String... texts) {
        return new CustomTypeSafeMatcher<>("events without " + List.of(texts)) {
            @Override
            protected boolean matchesSafely(List<Message<?>> events) {
                for (Message<?> event : events) {
                    String stored = StoredJson.write(event.getPayload()) + event.getPayload();
                    for (String text : texts) {
                        if (stored.contains(text)) {
                            return false;
                        }
                    }
                }
                return true;
            }
        };
    }
}
