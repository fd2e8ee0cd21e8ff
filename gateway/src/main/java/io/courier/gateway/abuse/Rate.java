package io.courier.gateway.abuse;

import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "At most {@code count} per {@code period}", written {@code 10/1m} (or {@code 10/PT1M}) in the environment. */
public record Rate(long count, Duration period) {

    private static final Pattern SHAPE = Pattern.compile("^\\s*(\\d{1,9})\\s*/\\s*(\\S+)\\s*$");
    private static final Duration LONGEST_PERIOD = Duration.ofDays(7);

    public Rate {
        if (count < 1 || period == null || period.isNegative() || period.isZero() || period.compareTo(LONGEST_PERIOD) > 0) {
            throw new IllegalArgumentException("a rate needs a positive count and a period of at most 7 days");
        }
    }

    /** Parses {@code text}, naming {@code variable} in the message if it is not a rate. */
    public static Rate parse(String text, String variable) {
        Matcher matcher = text == null ? null : SHAPE.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw invalid(variable, text);
        }
        try {
            return new Rate(Long.parseLong(matcher.group(1)), DurationStyle.detectAndParse(matcher.group(2)));
        } catch (IllegalArgumentException notARate) {
            throw invalid(variable, text);
        }
    }

    private static IllegalArgumentException invalid(String variable, String text) {
        return new IllegalArgumentException(variable + " must be a count per period of at most 7 days,"
                + " like 10/1m or 20/1h, got '" + text + "'");
    }

    @Override
    public String toString() {
        return count + "/" + period;
    }
}
