-- Issue 13. incident-timeline and barrier-statistics: the system's rollouts (SystemChanged), each read model its own
-- copy, for incident timelines and the weekly trend. operator-board: each barrier's last sign of life (any report of
-- it, or a stored heartbeat) and, per incident, the barriers its hazard got to or past and whether silently, for
-- "this barrier may be dead". The events are new, so nothing needs rebuilding for the rollouts; the board fills the
-- liveness tables from the events it handles from now on (a replay of operator-board fills them for the past too).
CREATE TABLE timeline_system_change (
    system_id      VARCHAR(64)              NOT NULL,
    event_sequence BIGINT                   NOT NULL,
    report_id      VARCHAR(200)             NOT NULL,
    source         VARCHAR(1000),
    kind           VARCHAR(16)              NOT NULL,
    version        VARCHAR(200),
    description    VARCHAR(4000),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (system_id, event_sequence)
);
CREATE INDEX timeline_system_change_at_idx ON timeline_system_change (system_id, occurred_at);

CREATE TABLE stat_system_change (
    system_id      VARCHAR(64)              NOT NULL,
    event_sequence BIGINT                   NOT NULL,
    report_id      VARCHAR(200)             NOT NULL,
    kind           VARCHAR(16)              NOT NULL,
    version        VARCHAR(200),
    description    VARCHAR(4000),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (system_id, event_sequence)
);

CREATE TABLE board_barrier_heard (
    system_id  VARCHAR(64)              NOT NULL,
    barrier_id VARCHAR(100)             NOT NULL,
    last_heard TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (system_id, barrier_id)
);

CREATE TABLE board_barrier_crossing (
    incident_id VARCHAR(100)             NOT NULL,
    barrier_id  VARCHAR(100)             NOT NULL,
    system_id   VARCHAR(64)              NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    silent      BOOLEAN                  NOT NULL,
    PRIMARY KEY (incident_id, barrier_id)
);
CREATE INDEX board_barrier_crossing_barrier_idx ON board_barrier_crossing (system_id, barrier_id, opened_at);
