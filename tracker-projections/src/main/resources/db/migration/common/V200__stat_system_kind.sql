-- barrier-statistics: each system's kind, from SystemRegistered. A revision's new barrier versions are filed under the
-- system's kind; it was looked up from the system's existing barriers, so a system registered with no barriers and
-- given some later had them filed under OTHER. The table is filled from SystemRegistered, which the statistics only
-- read barriers from: the read model's tables are emptied and its token removed, so it rebuilds itself from the event
-- store on the next start. What it had parked goes too: the rebuild meets those events again.
CREATE TABLE stat_system (
    system_id VARCHAR(64) NOT NULL PRIMARY KEY,
    kind      VARCHAR(32) NOT NULL
);

DELETE FROM stat_barrier;
DELETE FROM stat_demand;
DELETE FROM stat_proof_test;
DELETE FROM stat_fact;
DELETE FROM stat_incident;
DELETE FROM stat_response;
DELETE FROM stat_system;
DELETE FROM deadletterentry WHERE processinggroup = 'barrier-statistics';
DELETE FROM tokenentry WHERE processorname = 'barrier-statistics';
