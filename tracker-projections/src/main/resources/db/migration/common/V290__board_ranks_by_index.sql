-- operator-board: each system's open incidents and their paths are kept in the order a card ranks them (the worst
-- first; on each path the closest to harm first), so that PostgreSQL reads a card's few incidents by walking down an
-- index instead of ranking every open incident of the fleet on each read of the board. The incident_id ends each key:
-- it breaks the last ties, as the ranking does. The narrower indexes these replace go.
DROP INDEX board_incident_worst_idx;
DROP INDEX board_incident_system_idx;
CREATE INDEX board_incident_rank_idx ON board_incident (system_id, severity DESC, margin, opened_at DESC, incident_id);
DROP INDEX board_incident_path_closest_idx;
CREATE INDEX board_incident_path_rank_idx
    ON board_incident_path (system_id, threat_line, consequence_line, margin, severity DESC, opened_at, incident_id);
