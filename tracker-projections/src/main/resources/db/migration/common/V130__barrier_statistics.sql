-- barrier-statistics projection: every demand on every barrier, outages, and incidents by depth. Rebuilt by replay.
CREATE TABLE stat_barrier (
    system_id   VARCHAR(64)      NOT NULL,
    barrier_id  VARCHAR(100)     NOT NULL,
    name        VARCHAR(200)     NOT NULL,
    category    VARCHAR(40)      NOT NULL,
    system_kind VARCHAR(32)      NOT NULL,
    line_id     VARCHAR(100)     NOT NULL,
    position    INT              NOT NULL,
    claimed_pfd DOUBLE PRECISION,
    PRIMARY KEY (system_id, barrier_id)
);

CREATE TABLE stat_demand (
    system_id       VARCHAR(64)              NOT NULL,
    report_id       VARCHAR(300)             NOT NULL,
    barrier_id      VARCHAR(100)             NOT NULL,
    incident_id     VARCHAR(100),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failed          BOOLEAN                  NOT NULL,
    barrier_version INT,
    PRIMARY KEY (system_id, report_id)
);
CREATE INDEX stat_demand_time_idx ON stat_demand (occurred_at);
CREATE INDEX stat_demand_incident_idx ON stat_demand (incident_id);

CREATE TABLE stat_outage (
    system_id  VARCHAR(64)              NOT NULL,
    barrier_id VARCHAR(100)             NOT NULL,
    began_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (system_id, barrier_id, began_at)
);

CREATE TABLE stat_incident (
    incident_id      VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id        VARCHAR(64)              NOT NULL,
    threat_line      VARCHAR(100),
    consequence_line VARCHAR(100),
    breached_count   INT                      NOT NULL,
    path_length      INT                      NOT NULL,
    outcome          VARCHAR(16)              NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
