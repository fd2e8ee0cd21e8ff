package io.courier.gateway.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the PostgreSQL database is. Parsed from {@code DATABASE_URL} in any of the forms people
 * paste: {@code postgres://user:pass@host:5432/db}, {@code postgresql://...},
 * {@code jdbc:postgresql://host/db?user=..&password=..} and {@code r2dbc:postgresql://...}.
 */
public record DatabaseUrl(String host, int port, String database, String username, String password,
                          Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 5432;
    private static final String EXPECTED = "postgres://user:password@host:5432/database";

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("it is empty");
        }
        String url = raw.strip();
        if (url.startsWith("jdbc:")) {
            url = url.substring("jdbc:".length());
        } else if (url.startsWith("r2dbc:")) {
            url = url.substring("r2dbc:".length());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("it is not a URL (" + e.getReason() + ")");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw invalid("the scheme is '" + uri.getScheme() + "', only PostgreSQL is supported");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank()) {
            throw invalid("it names no database");
        }
        Map<String, String> parameters = queryParameters(uri.getRawQuery());
        String username = parameters.remove("user");
        String password = parameters.remove("password");
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            username = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : password;
        }
        if (username == null || username.isBlank()) {
            throw invalid("it names no user");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, username, password, parameters);
    }

    public String jdbcUrl() {
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The password never reaches logs or exception messages. */
    @Override
    public String toString() {
        return "postgres://" + username + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            parameters.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("DATABASE_URL is not usable: " + why + ". Expected the form " + EXPECTED);
    }
}
