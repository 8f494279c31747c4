-- operator-board, bounded: a card lists at most tracker.board.incidents-per-card open incidents, the worst first, and
-- counts the rest; a path's live margin is read from each open incident's judgement of that path (one row per
-- incident and path), not from every open incident's assessment. The rows are new: the board's tables are emptied and
-- its token removed, so it rebuilds itself from the event store on the next start. What it had parked goes too: the
-- rebuild meets those events again and parks them again if they still fail.
--
-- board_incident keeps only what ranks an open incident (narrow rows, cheap to rank and count); its assessment, read
-- only for the incidents a card shows, is a row of board_assessment. A barrier's latest crossings, which decide whether
-- it passed silently (BarrierLiveness), are kept as they change in board_barrier_latest_crossings, not ranked from
-- every crossing ever recorded on each read.
ALTER TABLE board_incident ADD COLUMN severity INT DEFAULT 0 NOT NULL;
ALTER TABLE board_incident ADD COLUMN margin INT DEFAULT 0 NOT NULL;
ALTER TABLE board_incident DROP COLUMN assessment;
CREATE INDEX board_incident_worst_idx ON board_incident (system_id, severity, margin, opened_at);

CREATE TABLE board_assessment (
    incident_id VARCHAR(100)   NOT NULL PRIMARY KEY,
    assessment  VARCHAR(30000) NOT NULL
);

-- silent: whether each of the barrier's latest crossings (at most BarrierLiveness.SILENT_CROSSINGS, newest first)
-- passed it silently, as a JSON array of booleans
CREATE TABLE board_barrier_latest_crossings (
    system_id  VARCHAR(64)  NOT NULL,
    barrier_id VARCHAR(100) NOT NULL,
    silent     VARCHAR(100) NOT NULL,
    PRIMARY KEY (system_id, barrier_id)
);

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
