-- barrier-statistics: a stamp of the barrier versions' table, counted up in the transaction of every change the read
-- model makes to it (a registration, a revised bow-tie, a replay's reset). A read of the fleet's statistics keeps the
-- versions it read (160,000 rows with 10,000 systems, read again on every read until now) while the stamp stays the
-- same; every server reads the same stamp. Whatever else changes stat_barrier must count it up too: a later migration
-- that empties the table to rebuild the read model sets revision = revision + 1 with it, or the servers running go on
-- with the versions they kept until the next registration.
CREATE TABLE stat_barrier_revision (
    id       INT    NOT NULL PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO stat_barrier_revision (id, revision) VALUES (1, 0);
