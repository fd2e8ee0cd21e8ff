package io.courier.gateway.database;

import java.io.IOException;
import java.util.Optional;

/** The embedded server if one was started: a bean either way, so it is closed after the pools that use it. */
record EmbeddedPostgresServerHolder(Optional<EmbeddedPostgresServer> server) implements AutoCloseable {

    static EmbeddedPostgresServerHolder none() {
        return new EmbeddedPostgresServerHolder(Optional.empty());
    }

    static EmbeddedPostgresServerHolder of(EmbeddedPostgresServer server) {
        return new EmbeddedPostgresServerHolder(Optional.of(server));
    }

    @Override
    public void close() throws IOException {
        if (server.isPresent()) {
            server.get().close();
        }
    }
}
