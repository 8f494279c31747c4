-- barrier-statistics: a stamp of the barrier versions' table, counted up in the transaction of every change to it (a
-- registration, a revised bow-tie, a replay's reset). A read of the fleet's statistics keeps the versions it read
-- (160,000 rows with 10,000 systems, read again on every read until now) while the stamp stays the same; every
-- server reads the same stamp, so none keeps versions another server's projection has changed.
CREATE TABLE stat_barrier_revision (revision BIGINT NOT NULL);
INSERT INTO stat_barrier_revision (revision) VALUES (0);
