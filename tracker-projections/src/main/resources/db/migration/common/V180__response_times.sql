-- barrier-statistics: response times. One row per incident with the instants its response is measured between: the
-- first report (the earliest occurrence among its reports, by the sources' clocks), when the tracker opened it, first
-- acknowledged it, first saw it held by a barrier (NEAR_MISS) and closed it (resolved, gone quiet, or not an incident),
-- all by the tracker's clock; occurred_at (the opening report's occurrence) places it in a window, as stat_incident's
-- opened_at does. The row is filled from events the statistics never kept (acknowledgements, resolutions, the
-- opening's timestamp): the read model's tables are emptied and its token removed, so it rebuilds itself from the event
-- store on the next start. What it had parked goes too: the rebuild meets those events again.
CREATE TABLE stat_response (
    incident_id     VARCHAR(100)             NOT NULL PRIMARY KEY,
    system_id       VARCHAR(64)              NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    first_report_at TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    contained_at    TIMESTAMP WITH TIME ZONE,
    closed_at       TIMESTAMP WITH TIME ZONE,
    closed_as       VARCHAR(16),
    outcome         VARCHAR(16)              NOT NULL
);
CREATE INDEX stat_response_system_idx ON stat_response (system_id);

DELETE FROM stat_barrier;
DELETE FROM stat_demand;
DELETE FROM stat_proof_test;
DELETE FROM stat_fact;
DELETE FROM stat_incident;
DELETE FROM deadletterentry WHERE processinggroup = 'barrier-statistics';
DELETE FROM tokenentry WHERE processorname = 'barrier-statistics';
