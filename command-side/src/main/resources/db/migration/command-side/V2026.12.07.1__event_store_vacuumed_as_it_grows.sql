-- The event store only grows. By default autovacuum waits for 20% of the table in new rows, so the bigger the
-- store, the longer each vacuum: at 2,000 posts/s one over ~100,000 new events took ~10 s, longer than the CPU
-- left over, and stalled every post by 100-460 ms throughout. A vacuum every 20,000 new events stays short
-- (10 s of posts at that rate), and marks new pages all-visible sooner.
ALTER TABLE domainevententry SET (autovacuum_vacuum_insert_threshold = 20000,
                                  autovacuum_vacuum_insert_scale_factor = 0);
