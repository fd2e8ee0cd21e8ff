package io.courier.gateway.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads every row of every table, as anyone with SQL access could, and reports where a text is readable: as
 * such in any letter case (binary columns decoded as UTF-8, as the event store's JSON is), in hex, or in base64
 * (standard or URL-safe, at each of the three byte alignments it can have inside a longer value).
 */
public final class DatabaseTraces {

    private DatabaseTraces() {
    }

    /** {@code table.column} of each value holding one of {@code texts}; empty when none does. */
    public static List<String> of(JdbcTemplate jdbc, String... texts) {
        List<String> anyCase = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        for (String text : texts) {
            byte[] bytes = text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            anyCase.add(text.toLowerCase(Locale.ROOT));
            anyCase.add(HexFormat.of().formatHex(bytes));
            for (String variant : new LinkedHashSet<>(List.of(text, text.toLowerCase(Locale.ROOT)))) {
                exact.addAll(base64Cores(variant.getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name""", String.class);
        Set<String> found = new LinkedHashSet<>();
        for (String table : tables) {
            jdbc.query("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"", row -> {
                ResultSetMetaData columns = row.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = row.getObject(i);
                    if (value == null) {
                        continue;
                    }
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (anyCase.stream().anyMatch(lower::contains) || exact.stream().anyMatch(text::contains)) {
                        found.add(table + "." + columns.getColumnName(i));
                    }
                }
            });
        }
        return List.copyOf(found);
    }

    /** The base64 characters that depend on {@code bytes} alone, wherever they sit in a longer encoded value. */
    private static List<String> base64Cores(byte[] bytes) {
        List<String> cores = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                cores.add(encoded.substring(shift == 0 ? 0 : shift + 1, encoded.length() - 3));
            }
        }
        return cores;
    }
}
