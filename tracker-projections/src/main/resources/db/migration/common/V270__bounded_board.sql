-- operator-board, bounded: a card lists at most tracker.board.incidents-per-card open incidents, the worst first, and
-- counts the rest; a path's live margin is read from each open incident's judgement of that path (one row per
-- incident and path), not from every open incident's assessment. The rows are new: the board's tables are emptied and
-- its token removed, so it rebuilds itself from the event store on the next start. What it had parked goes too: the
-- rebuild meets those events again and parks them again if they still fail.
ALTER TABLE board_incident ADD COLUMN severity INT DEFAULT 0 NOT NULL;
ALTER TABLE board_incident ADD COLUMN margin INT DEFAULT 0 NOT NULL;
CREATE INDEX board_incident_worst_idx ON board_incident (system_id, severity, margin, opened_at);

-- a missing line is '' (part of the key)
CREATE TABLE board_incident_path (
    incident_id      VARCHAR(100)             NOT NULL,
    system_id        VARCHAR(64)              NOT NULL,
    threat_line      VARCHAR(100)             NOT NULL,
    consequence_line VARCHAR(100)             NOT NULL,
    margin           INT                      NOT NULL,
    severity         INT                      NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, threat_line, consequence_line)
);
CREATE INDEX board_incident_path_closest_idx ON board_incident_path (system_id, threat_line, consequence_line, margin);

DELETE FROM board_barrier_crossing;
DELETE FROM board_barrier_heard;
DELETE FROM board_overdue_action;
DELETE FROM board_incident;
DELETE FROM board_card;
DELETE FROM deadletterentry WHERE processinggroup = 'operator-board';
DELETE FROM tokenentry WHERE processorname = 'operator-board';
