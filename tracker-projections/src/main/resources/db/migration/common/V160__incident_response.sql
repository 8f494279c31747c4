-- incident-timeline: incident response. Who acknowledged an incident and when, to whom it is assigned, how severe
-- responders rate it, why it was closed as not an incident (status NOT_AN_INCIDENT); and every act in order, for the
-- timeline. The events are new: no stored incident has any, so nothing needs rebuilding and no token is reset.
ALTER TABLE incident ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN acknowledged_by VARCHAR(200);
ALTER TABLE incident ADD COLUMN assignee VARCHAR(200);
ALTER TABLE incident ADD COLUMN severity VARCHAR(8);
ALTER TABLE incident ADD COLUMN not_an_incident_reason VARCHAR(4000);
CREATE INDEX incident_assignee_idx ON incident (assignee);

-- one row per act; event_sequence is the event's place in its system's stream (unique per incident)
CREATE TABLE incident_act (
    incident_id    VARCHAR(100)             NOT NULL,
    event_sequence BIGINT                   NOT NULL,
    kind           VARCHAR(32)              NOT NULL,
    acted_by       VARCHAR(200)             NOT NULL,
    acted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    act_value      VARCHAR(4000),
    previous_value VARCHAR(200),
    PRIMARY KEY (incident_id, event_sequence)
);
