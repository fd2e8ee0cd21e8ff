-- Message copies only grow, three rows per post: autovacuum paces itself gently here, for the reason given in
-- V2026.11.26.70 (the event store); history pages read this table's index only, so its runs must still keep up.
ALTER TABLE message_copy_view SET (autovacuum_vacuum_cost_delay = 10);
