-- alerting, Alertmanager's repeat_interval and send_resolved: a route's own settings (null repeat interval: the
-- configured default), what ends each alert (its condition), when it was last sent and when it ended.
ALTER TABLE alert_route ADD COLUMN send_resolved BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE alert_route ADD COLUMN repeat_interval_seconds BIGINT;

-- ends_with: the condition whose end resolves the alert (incident/<id>, action/<id>, serious-report/<incident>,
-- class/<system>/<class>); null: a one-off, never repeated nor resolved (also every alert queued before this
-- migration). notified_at: when it last went into a delivery (first or repeat), then when that delivery reached the receiver. resolved_status: null while no
-- resolved notification is decided; QUEUED, SENT, FAILED (the resolved delivery's fate), NOT_SENT (the firing alert
-- never went out: silenced, inhibited, dropped), OPTED_OUT (the route does not send resolved), DROPPED (route deleted)
ALTER TABLE alert_notification ADD COLUMN ends_with VARCHAR(300);
ALTER TABLE alert_notification ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_notification ADD COLUMN repeats INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE alert_notification ADD COLUMN repeat_delivery_id VARCHAR(100);
ALTER TABLE alert_notification ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_notification ADD COLUMN resolution VARCHAR(400);
ALTER TABLE alert_notification ADD COLUMN resolved_status VARCHAR(16);
ALTER TABLE alert_notification ADD COLUMN resolved_delivery_id VARCHAR(100);
CREATE INDEX alert_notification_ends_with_idx ON alert_notification (ends_with);
CREATE INDEX alert_notification_firing_idx ON alert_notification (route_id, status, resolved_at, notified_at);
CREATE INDEX alert_notification_resolved_idx ON alert_notification (resolved_status, resolved_at);

-- FIRING (new alerts), REPEAT (still firing, sent again), RESOLVED
ALTER TABLE alert_delivery ADD COLUMN kind VARCHAR(16) DEFAULT 'FIRING' NOT NULL;

-- conditions that ended for good (an incident closed, a serious incident reported): an alert raised about one later
-- (e.g. a severity set on a resolved incident) is a one-off
CREATE TABLE alert_condition (
    condition_key VARCHAR(300)             NOT NULL PRIMARY KEY,
    system_id     VARCHAR(64)              NOT NULL,
    ended_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolution    VARCHAR(400)             NOT NULL,
    event_id      VARCHAR(100)             NOT NULL
);
