package io.courier.gateway.database;

import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two tables that only grow, the event store and the message copies, are vacuumed after a fixed number of new
 * rows rather than after a fifth of the table: one vacuum over a fifth of a large table stalled posting for seconds.
 */
@CourierIntegrationTest
class AppendOnlyTablesVacuumTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_append_only_tables_are_vacuumed_after_a_fixed_number_of_new_rows() {
        assertThat(reloptions("domainevententry")).containsExactlyInAnyOrder(
                "autovacuum_vacuum_insert_threshold=20000", "autovacuum_vacuum_insert_scale_factor=0");
        assertThat(reloptions("message_copy_view")).containsExactlyInAnyOrder(
                "autovacuum_vacuum_insert_threshold=60000", "autovacuum_vacuum_insert_scale_factor=0");
    }

    private List<String> reloptions(String table) {
        return jdbc.queryForList("SELECT unnest(reloptions) FROM pg_class WHERE relname = ?", String.class, table);
    }
}
