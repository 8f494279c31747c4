-- barrier-statistics: a silent pass carries its incident's opening, which says the barrier version it counts for, so
-- that the statistics count silent passes from this narrow table alone rather than joining every incident's wide row
-- (its paths and judgement) on each read. A pass whose incident is gone was counted for no version and goes.
ALTER TABLE stat_silent_pass ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
UPDATE stat_silent_pass p SET opened_at = (SELECT i.opened_at FROM stat_incident i WHERE i.incident_id = p.incident_id);
DELETE FROM stat_silent_pass WHERE opened_at IS NULL;
ALTER TABLE stat_silent_pass ALTER COLUMN opened_at SET NOT NULL;
