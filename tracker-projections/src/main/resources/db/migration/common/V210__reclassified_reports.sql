-- incident-timeline: a report an analyst reclassified keeps its row, with what it was found to be and why; the
-- timeline judges the incident without it when it was no evidence. barrier-statistics: a common-cause failure stays a
-- failed demand, marked as such (spurious trips, proof tests and reports that do not apply leave the demands). The
-- events are new: nothing needs rebuilding and no token is reset.
ALTER TABLE incident_report ADD COLUMN reclassified_as VARCHAR(16);
ALTER TABLE incident_report ADD COLUMN reclassified_reason VARCHAR(4000);
ALTER TABLE stat_demand ADD COLUMN common_cause BOOLEAN DEFAULT FALSE NOT NULL;
