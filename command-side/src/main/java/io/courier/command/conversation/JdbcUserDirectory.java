package io.courier.command.conversation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Users are the rows of {@code email_registry} (unique, indexed user_id); a set is looked up in one query. */
@Component
class JdbcUserDirectory implements UserDirectory {

    private final JdbcTemplate jdbc;

    JdbcUserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<UUID> unknownAmong(Collection<UUID> userIds) {
        Set<UUID> unknown = new LinkedHashSet<>(userIds);
        if (unknown.isEmpty()) {
            return unknown;
        }
        List<UUID> known = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT user_id FROM email_registry WHERE user_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("uuid", unknown.toArray()));
            return statement;
        }, (row, number) -> row.getObject(1, UUID.class));
        unknown.removeAll(new HashSet<>(known));
        return unknown;
    }
}
