-- barrier-statistics, counted by barrier version in the database.
-- barrier-statistics: each barrier an incident got past with no report about it is a row of its own, so that the
-- statistics count silent passes per barrier version in the database, not by reading every incident's list. The
-- rows are new: the statistics' tables are emptied and the processor's token removed, so it rebuilds itself from the
-- event store on the next start. What it had parked goes too: the rebuild meets those events again and parks them
-- again if they still fail. (stat_incident.silently_passed stays: the list as the incident's judgement gave it.)
CREATE TABLE stat_silent_pass (
    incident_id VARCHAR(100) NOT NULL,
    barrier_id  VARCHAR(100) NOT NULL,
    system_id   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (incident_id, barrier_id)
);
CREATE INDEX stat_silent_pass_barrier_idx ON stat_silent_pass (system_id, barrier_id);

-- barrier-statistics: demands and failures per barrier version and calendar week (its Monday, UTC), kept as demands
-- are stored, reclassified or turned into failures, so that a window's whole weeks are read as counts; the weeks a
-- window cuts are counted from stat_demand.
CREATE TABLE stat_demand_week (
    system_id       VARCHAR(64)  NOT NULL,
    barrier_id      VARCHAR(100) NOT NULL,
    barrier_version INT          NOT NULL,
    week_start      DATE         NOT NULL,
    demands         BIGINT       NOT NULL,
    failures        BIGINT       NOT NULL,
    PRIMARY KEY (system_id, barrier_id, barrier_version, week_start)
);

DELETE FROM stat_system;
DELETE FROM stat_barrier;
DELETE FROM stat_demand;
DELETE FROM stat_demand_week;
DELETE FROM stat_proof_test;
DELETE FROM stat_incident;
DELETE FROM stat_response;
DELETE FROM stat_system_change;
DELETE FROM stat_fact;
DELETE FROM deadletterentry WHERE processinggroup = 'barrier-statistics';
DELETE FROM tokenentry WHERE processorname = 'barrier-statistics';
