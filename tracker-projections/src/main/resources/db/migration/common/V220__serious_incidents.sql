-- incident-timeline: an incident declared a serious incident (EU AI Act Art. 73): its kind, since when the provider
-- knew, when its report is due, and whether and how it was reported or went overdue. The events are new: nothing needs
-- rebuilding and no token is reset.
ALTER TABLE incident ADD COLUMN serious_kind VARCHAR(40);
ALTER TABLE incident ADD COLUMN serious_aware_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN serious_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN serious_reported_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN serious_reference VARCHAR(200);
ALTER TABLE incident ADD COLUMN serious_overdue BOOLEAN DEFAULT FALSE NOT NULL;
