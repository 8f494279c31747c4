-- Every report a system recorded, by its identity (CloudEvents source + id), written in the same transaction as the
-- events it produced: a report seen again, from any Kafka offset, any time later, is recognised as the same report.
CREATE TABLE recorded_report (
    system_id VARCHAR(64)  NOT NULL,
    source    VARCHAR(500) NOT NULL,
    report_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (system_id, report_id, source)
);

-- reports the store already holds
INSERT INTO recorded_report (system_id, source, report_id)
SELECT DISTINCT aggregateidentifier,
       COALESCE(convert_from(payload, 'UTF8')::jsonb #>> '{report,source}', ''),
       convert_from(payload, 'UTF8')::jsonb #>> '{report,reportId}'
FROM domainevententry
WHERE payloadtype IN ('org.swisscheese.tracker.api.AiSystemEvent$BarrierTripped',
                      'org.swisscheese.tracker.api.AiSystemEvent$BarrierBreached',
                      'org.swisscheese.tracker.api.AiSystemEvent$BarrierDegraded',
                      'org.swisscheese.tracker.api.AiSystemEvent$BarrierRestored',
                      'org.swisscheese.tracker.api.AiSystemEvent$AnomalyDetected',
                      'org.swisscheese.tracker.api.AiSystemEvent$ShutdownRequested',
                      'org.swisscheese.tracker.api.AiSystemEvent$ShutdownCompleted',
                      'org.swisscheese.tracker.api.AiSystemEvent$ShutdownFailed',
                      'org.swisscheese.tracker.api.AiSystemEvent$HarmReported')
  AND convert_from(payload, 'UTF8')::jsonb #>> '{inferredFrom}' IS NULL
ON CONFLICT DO NOTHING;
