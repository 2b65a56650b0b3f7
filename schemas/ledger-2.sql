-- The poreview ledger, schema version 2: what changed from version 1
-- (schemas/ledger.sql).  pl_ledger_open() runs the steps in order, each in
-- the one transaction that migrates a ledger.

-- What po-property records of a receipt or an inspection.
ALTER TABLE property_event ADD COLUMN condition TEXT;	-- as received;
							-- ok / nonconforming
ALTER TABLE property_event ADD COLUMN location TEXT;	-- where it is kept

-- The log is append-only: status is derived from it, never edited.
CREATE TRIGGER property_event_no_update BEFORE UPDATE ON property_event
BEGIN
	SELECT RAISE(ABORT, 'the customer-property log is append-only');
END;
CREATE TRIGGER property_event_no_delete BEFORE DELETE ON property_event
BEGIN
	SELECT RAISE(ABORT, 'the customer-property log is append-only');
END;

CREATE INDEX property_item ON property_event(item, id);
