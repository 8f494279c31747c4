-- incident-timeline: follow-up actions from incident reviews, one row per action as it now stands. operator-board: the
-- open actions past their due date, one row each, shown on their system's card. The events are new: no stored stream
-- has any, so nothing needs rebuilding and no token is reset.
CREATE TABLE incident_action (
    action_id   VARCHAR(120)             NOT NULL PRIMARY KEY,
    incident_id VARCHAR(100)             NOT NULL,
    system_id   VARCHAR(64)              NOT NULL,
    title       VARCHAR(4000)            NOT NULL,
    owner       VARCHAR(200)             NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status      VARCHAR(8)               NOT NULL,
    overdue     BOOLEAN                  NOT NULL,
    added_by    VARCHAR(200)             NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(200),
    changed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX incident_action_incident_idx ON incident_action (incident_id);
CREATE INDEX incident_action_open_idx ON incident_action (status, due_at);

CREATE TABLE board_overdue_action (
    action_id   VARCHAR(120)             NOT NULL PRIMARY KEY,
    system_id   VARCHAR(64)              NOT NULL,
    incident_id VARCHAR(100)             NOT NULL,
    title       VARCHAR(4000)            NOT NULL,
    owner       VARCHAR(200)             NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX board_overdue_action_system_idx ON board_overdue_action (system_id);
