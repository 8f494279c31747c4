-- incident-timeline projection: incidents as judged, with their reports in order. Rebuilt by replay.
CREATE TABLE incident (
    incident_id       VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id         VARCHAR(64)              NOT NULL,
    incident_no       BIGINT                   NOT NULL,
    chain_id          VARCHAR(200),
    status            VARCHAR(16)              NOT NULL,
    outcome           VARCHAR(16)              NOT NULL,
    threat_line       VARCHAR(100),
    consequence_line  VARCHAR(100),
    path              VARCHAR(8000)            NOT NULL,
    threat_length     INT                      NOT NULL,
    breached_barriers VARCHAR(8000)            NOT NULL,
    breached_count    INT                      NOT NULL,
    path_length       INT                      NOT NULL,
    margin            INT                      NOT NULL,
    stopped_by        VARCHAR(100),
    top_event_reached BOOLEAN                  NOT NULL,
    report_count      INT                      NOT NULL,
    opened_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_report_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at       TIMESTAMP WITH TIME ZONE,
    resolved_quietly  BOOLEAN,
    resolved_by       VARCHAR(200),
    postmortem        VARCHAR(20000)
);
CREATE INDEX incident_opened_idx ON incident (opened_at);
CREATE INDEX incident_system_idx ON incident (system_id, opened_at);

CREATE TABLE incident_report (
    incident_id      VARCHAR(100)             NOT NULL,
    report_id        VARCHAR(300)             NOT NULL,
    arrival          BIGINT                   NOT NULL,
    type             VARCHAR(32)              NOT NULL,
    barrier_id       VARCHAR(100),
    barrier_version  INT,
    chain_id         VARCHAR(200),
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    source           VARCHAR(500),
    detail           VARCHAR(4000),
    consequence_line VARCHAR(100),
    inferred_from    VARCHAR(300),
    PRIMARY KEY (incident_id, report_id)
);
