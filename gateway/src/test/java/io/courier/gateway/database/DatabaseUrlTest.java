package io.courier.gateway.database;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTest {

    @Test
    void the_heroku_style_url_gives_every_part() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://chat:s3cret@db.internal:6543/courier");

        assertThat(url).isEqualTo(new DatabaseUrl("db.internal", 6543, "courier", "chat", "s3cret", Map.of()));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/courier");
    }

    @Test
    void postgresql_scheme_and_default_port_are_accepted() {
        assertThat(DatabaseUrl.parse("postgresql://chat@db/courier").port()).isEqualTo(5432);
    }

    @Test
    void jdbc_urls_may_carry_credentials_and_options_in_the_query() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5433/courier?user=chat&password=pw&sslmode=require");

        assertThat(url.username()).isEqualTo("chat");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "require"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/courier?sslmode=require");
    }

    @Test
    void r2dbc_urls_and_percent_encoded_passwords_work() {
        DatabaseUrl url = DatabaseUrl.parse("r2dbc:postgresql://chat:p%40ss%3Aword@db/courier");

        assertThat(url.password()).isEqualTo("p@ss:word");
    }

    @Test
    void the_password_never_shows_in_text() {
        assertThat(DatabaseUrl.parse("postgres://chat:s3cret@db/courier").toString()).doesNotContain("s3cret");
    }

    @Test
    void unusable_urls_are_refused_with_the_variable_named() {
        for (String bad : new String[]{"", "mysql://u:p@db/courier", "postgres:///courier", "postgres://u:p@db/",
                "postgres://db/courier", "not a url at all"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> DatabaseUrl.parse(bad))
                    .withMessageContaining("DATABASE_URL");
        }
    }
}
