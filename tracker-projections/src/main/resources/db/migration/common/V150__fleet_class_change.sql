-- The fleet says whether a class change awaits acknowledgement (as the board does), so a system's page need not ask
-- the board. The column is filled from RiskClassChanged and ClassChangeAcknowledged, which the fleet never kept: the
-- table is emptied and the fleet processor's token removed, so it rebuilds itself from the event store on the next
-- start. What it had parked goes too: the rebuild meets those events again and parks them again if they still fail.
ALTER TABLE fleet_system ADD COLUMN class_change VARCHAR(100);
DELETE FROM fleet_system;
DELETE FROM deadletterentry WHERE processinggroup = 'fleet';
DELETE FROM tokenentry WHERE processorname = 'fleet';
