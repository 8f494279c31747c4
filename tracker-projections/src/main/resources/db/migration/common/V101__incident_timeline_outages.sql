-- incident-timeline: when each barrier was out of service, so a replayed step can show it degraded.
CREATE TABLE timeline_outage (
    system_id  VARCHAR(64)              NOT NULL,
    barrier_id VARCHAR(100)             NOT NULL,
    began_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (system_id, barrier_id, began_at)
);
