-- The read models follow the swiss-cheese model of DESIGN §4 (every path judged, barrier states evented, proof tests,
-- activity after shutdown). Their tables change shape, so they are recreated empty and their processors' tokens
-- removed: each projection rebuilds itself from the event store on the next start. The incident publisher keeps
-- its token (it must not publish history again).
DELETE FROM tokenentry WHERE processorname IN ('incident-timeline', 'fleet', 'operator-board', 'barrier-statistics');

DROP TABLE timeline_outage;
DROP TABLE incident_report;
DROP TABLE incident;
DROP TABLE fleet_system;
DROP TABLE board_incident;
DROP TABLE board_card;
DROP TABLE stat_barrier;
DROP TABLE stat_demand;
DROP TABLE stat_outage;
DROP TABLE stat_incident;

-- incident-timeline ---------------------------------------------------------------------------------------------------
CREATE TABLE incident (
    incident_id             VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id               VARCHAR(64)              NOT NULL,
    incident_no             BIGINT                   NOT NULL,
    chain_id                VARCHAR(200),
    status                  VARCHAR(16)              NOT NULL,
    outcome                 VARCHAR(16)              NOT NULL,
    threat_line             VARCHAR(100),
    consequence_line        VARCHAR(100),
    path                    VARCHAR(8000)            NOT NULL,
    threat_length           INT                      NOT NULL,
    position                INT                      NOT NULL,
    path_length             INT                      NOT NULL,
    margin                  INT                      NOT NULL,
    stopped_by              VARCHAR(100),
    breached_barriers       VARCHAR(8000)            NOT NULL,
    breached_count          INT                      NOT NULL,
    silently_passed         VARCHAR(8000)            NOT NULL,
    detected_by             VARCHAR(8000)            NOT NULL,
    paths                   VARCHAR(20000)           NOT NULL,
    top_event_reached       BOOLEAN                  NOT NULL,
    harm_reported           BOOLEAN                  NOT NULL,
    activity_after_shutdown BOOLEAN                  NOT NULL,
    bowtie_revision         INT                      NOT NULL,
    reassessed_reason       VARCHAR(500),
    report_count            INT                      NOT NULL,
    opened_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    last_report_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at             TIMESTAMP WITH TIME ZONE,
    resolved_quietly        BOOLEAN,
    resolved_by             VARCHAR(200),
    postmortem              VARCHAR(20000)
);
CREATE INDEX incident_opened_idx ON incident (opened_at);
CREATE INDEX incident_system_idx ON incident (system_id, opened_at);

CREATE TABLE incident_report (
    incident_id      VARCHAR(100)             NOT NULL,
    report_id        VARCHAR(300)             NOT NULL,
    source           VARCHAR(500)             NOT NULL,
    arrival          BIGINT                   NOT NULL,
    type             VARCHAR(32)              NOT NULL,
    barrier_id       VARCHAR(100),
    barrier_version  INT,
    chain_id         VARCHAR(200),
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    detail           VARCHAR(4000),
    consequence_line VARCHAR(100),
    inferred_from    VARCHAR(300),
    PRIMARY KEY (incident_id, source, report_id)
);

-- every bow-tie a system had, so an incident is replayed under the bow-tie it was judged with
CREATE TABLE timeline_bowtie (
    system_id VARCHAR(64)     NOT NULL,
    revision  INT             NOT NULL,
    bowtie    VARCHAR(200000) NOT NULL,
    PRIMARY KEY (system_id, revision)
);

-- what was learnt about each barrier's service, to show its state at any step
CREATE TABLE timeline_barrier_fact (
    system_id   VARCHAR(64)              NOT NULL,
    barrier_id  VARCHAR(100)             NOT NULL,
    change_kind VARCHAR(20)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    arrival     BIGINT                   NOT NULL,
    PRIMARY KEY (system_id, barrier_id, arrival, change_kind)
);

-- fleet ---------------------------------------------------------------------------------------------------------------
CREATE TABLE fleet_system (
    system_id                VARCHAR(64)              NOT NULL PRIMARY KEY,
    name                     VARCHAR(200)             NOT NULL,
    kind                     VARCHAR(32)              NOT NULL,
    owner                    VARCHAR(200),
    lifecycle                VARCHAR(32)              NOT NULL,
    risk_profile             VARCHAR(4000)            NOT NULL,
    risk_class               VARCHAR(16)              NOT NULL,
    correlation_window       VARCHAR(40)              NOT NULL,
    bowtie                   VARCHAR(200000)          NOT NULL,
    barrier_versions         VARCHAR(8000)            NOT NULL,
    barrier_states           VARCHAR(8000)            NOT NULL,
    activity_after_shutdown  BOOLEAN                  NOT NULL,
    activity_while_suspended BOOLEAN                  NOT NULL,
    registered_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

-- operator-board ------------------------------------------------------------------------------------------------------
CREATE TABLE board_card (
    system_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    card       VARCHAR(200000)          NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE board_incident (
    incident_id VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id   VARCHAR(64)              NOT NULL,
    outcome     VARCHAR(16)              NOT NULL,
    assessment  VARCHAR(30000)           NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX board_incident_system_idx ON board_incident (system_id);

-- barrier-statistics --------------------------------------------------------------------------------------------------
-- every version of every barrier, with when it was in force: history is never rewritten
CREATE TABLE stat_barrier (
    system_id   VARCHAR(64)              NOT NULL,
    barrier_id  VARCHAR(100)             NOT NULL,
    version     INT                      NOT NULL,
    name        VARCHAR(200)             NOT NULL,
    category    VARCHAR(40)              NOT NULL,
    acting      BOOLEAN                  NOT NULL,
    system_kind VARCHAR(32)              NOT NULL,
    line_id     VARCHAR(100)             NOT NULL,
    side        VARCHAR(16)              NOT NULL,
    position    INT                      NOT NULL,
    claimed_pfd DOUBLE PRECISION,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    until       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (system_id, barrier_id, version)
);

CREATE TABLE stat_demand (
    system_id       VARCHAR(64)              NOT NULL,
    report_key      VARCHAR(900)             NOT NULL,
    barrier_id      VARCHAR(100)             NOT NULL,
    barrier_version INT                      NOT NULL,
    incident_id     VARCHAR(100),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failed          BOOLEAN                  NOT NULL,
    PRIMARY KEY (system_id, report_key)
);
CREATE INDEX stat_demand_time_idx ON stat_demand (occurred_at);
CREATE INDEX stat_demand_incident_idx ON stat_demand (incident_id);

CREATE TABLE stat_proof_test (
    system_id       VARCHAR(64)              NOT NULL,
    report_key      VARCHAR(900)             NOT NULL,
    barrier_id      VARCHAR(100)             NOT NULL,
    barrier_version INT                      NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    passed          BOOLEAN                  NOT NULL,
    PRIMARY KEY (system_id, report_key)
);

CREATE TABLE stat_fact (
    system_id   VARCHAR(64)              NOT NULL,
    barrier_id  VARCHAR(100)             NOT NULL,
    change_kind VARCHAR(20)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    arrival     BIGINT                   NOT NULL,
    PRIMARY KEY (system_id, barrier_id, arrival, change_kind)
);

CREATE TABLE stat_incident (
    incident_id      VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id        VARCHAR(64)              NOT NULL,
    threat_line      VARCHAR(100),
    consequence_line VARCHAR(100),
    path_length      INT                      NOT NULL,
    margin           INT                      NOT NULL,
    outcome          VARCHAR(16)              NOT NULL,
    silently_passed  VARCHAR(8000)            NOT NULL,
    paths            VARCHAR(20000)           NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
