-- operator-board, paged: whether a system's card raises an alert is kept beside the card, so that the board can be
-- read a page at a time in the order operators read it (the systems that need attention first, then by system id)
-- without judging every card on each read. The column is judged as the cards change; for the cards already there it
-- is not known, so, as in V270, the board's tables are emptied and its token removed: it rebuilds itself from the
-- event store on the next start, and what it had parked goes too (the rebuild parks it again if it still fails).
ALTER TABLE board_card ADD COLUMN attention BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX board_card_attention_idx ON board_card (attention DESC, system_id);

DELETE FROM board_barrier_latest_crossings;
DELETE FROM board_barrier_crossing;
DELETE FROM board_barrier_heard;
DELETE FROM board_overdue_action;
DELETE FROM board_incident_path;
DELETE FROM board_assessment;
DELETE FROM board_incident;
DELETE FROM board_card;
DELETE FROM deadletterentry WHERE processinggroup = 'operator-board';
DELETE FROM tokenentry WHERE processorname = 'operator-board';
