-- incident-timeline: an incident merged into another is closed with status MERGED and names the one it joined
-- (merged_into); an incident split off another names where it came from (split_from). The events are new: nothing
-- needs rebuilding and no token is reset.
ALTER TABLE incident ADD COLUMN merged_into VARCHAR(100);
ALTER TABLE incident ADD COLUMN split_from VARCHAR(100);
