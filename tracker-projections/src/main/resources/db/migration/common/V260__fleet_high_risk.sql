-- The fleet says whether a system is designated high-risk under the EU AI Act, and on what basis, so the configuration
-- view shows the designation an admin sets. Filled from HighRiskDesignated, which the fleet never kept: the table is
-- emptied and the fleet processor's token removed, so it rebuilds itself from the event store on the next start (as
-- V150 did); what it had parked goes too.
ALTER TABLE fleet_system ADD COLUMN high_risk BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE fleet_system ADD COLUMN high_risk_basis VARCHAR(4000);
DELETE FROM fleet_system;
DELETE FROM deadletterentry WHERE processinggroup = 'fleet';
DELETE FROM tokenentry WHERE processorname = 'fleet';
