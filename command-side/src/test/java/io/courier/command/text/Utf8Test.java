package io.courier.command.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void counts_the_bytes_utf8_takes() {
        for (String text : new String[]{"", "ascii", "caf\u00e9", "\u20ac100", "\uD83D\uDE00 grin", "\u00e9\u20ac\uD83D\uDE00"}) {
            assertThat(Utf8.encodedLength(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void nul_and_unpaired_surrogates_cannot_be_stored() {
        for (String text : new String[]{"a\u0000", "\uD800", "x\uD800y", "\uDC00", "\uDE00\uD83D", "end\uD83D"}) {
            assertThat(Utf8.encodedLength(text)).as(text).isEqualTo(Utf8.NOT_STORABLE);
        }
    }
}
