-- operator-board: open incidents as rows of their own, so an incident's change rewrites one small row, not the card.
CREATE TABLE board_incident (
    incident_id VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id   VARCHAR(64)              NOT NULL,
    outcome     VARCHAR(16)              NOT NULL,
    path        VARCHAR(8000)            NOT NULL,
    breached    VARCHAR(8000)            NOT NULL,
    margin      INT                      NOT NULL,
    depth       DOUBLE PRECISION         NOT NULL,
    stopped_by  VARCHAR(100),
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX board_incident_system_idx ON board_incident (system_id);
