-- Message copies only grow, three rows a post; as for the event store (V2026.12.07.1), a vacuum every 60,000 new
-- rows rather than at 20% of the table keeps each one short, and marks new pages all-visible sooner for the
-- history's index-only scans.
ALTER TABLE message_copy_view SET (autovacuum_vacuum_insert_threshold = 60000,
                                   autovacuum_vacuum_insert_scale_factor = 0);
