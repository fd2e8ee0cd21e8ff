-- The event store only grows, by thousands of rows a second under load. Autovacuum's runs over it (setting the
-- visibility map of the new pages) went at PostgreSQL's default pace, a 2 ms rest per 200 cost units, and took
-- enough of a 2-core machine for seconds to stall every post for 200-280 ms. A 10 ms rest still keeps up (some
-- 1,000 dirtied pages a second against ~300 written) while leaving the commits their CPU.
ALTER TABLE DomainEventEntry SET (autovacuum_vacuum_cost_delay = 10);
