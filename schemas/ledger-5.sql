-- The poreview ledger, schema version 5: what changed from version 4
-- (schemas/ledger-4.sql).  The ledger keeps the decisions read back from
-- signed review workbooks (po-signoff's signoff and decision records,
-- schemas/records.md), appended, never updated: an order's state is the
-- latest decision on it.

-- Each department's decision on one finding, from which workbook.  The
-- same workbook's decision on the same finding is kept once; a later
-- workbook's is a new row, and the latest counts.
CREATE TABLE signoff (
	id		INTEGER PRIMARY KEY,
	order_key	TEXT NOT NULL,
	docid		TEXT NOT NULL REFERENCES document(docid),
	finding		INTEGER NOT NULL,	-- its number within the document
	department	TEXT NOT NULL,
	reviewer	TEXT NOT NULL,
	decision	TEXT NOT NULL,		-- accept, accept-conditions, ...
	date		TEXT NOT NULL,		-- when signed, YYYY-MM-DD
	comment		TEXT,
	file		TEXT NOT NULL,		-- the workbook as given
	sha256		TEXT NOT NULL,		-- and its SHA-256
	committed	TEXT NOT NULL		-- the date of the commit
);
CREATE UNIQUE INDEX signoff_once ON signoff(docid, finding, sha256);
CREATE TRIGGER signoff_no_update BEFORE UPDATE ON signoff
BEGIN
	SELECT RAISE(ABORT, 'the sign-off log is append-only');
END;
CREATE TRIGGER signoff_no_delete BEFORE DELETE ON signoff
BEGIN
	SELECT RAISE(ABORT, 'the sign-off log is append-only');
END;

-- An order document's state after sign-off, as po-signoff decided it.
-- A decision is kept when the document has none yet, or when sign-offs
-- came since its latest (through: the last signoff row of the document
-- when it was kept), so a workbook committed again changes nothing.
CREATE TABLE decision (
	id		INTEGER PRIMARY KEY,
	order_key	TEXT NOT NULL,
	docid		TEXT NOT NULL REFERENCES document(docid),
	decision	TEXT NOT NULL,		-- accepted, declined, pending, ...
	departments	TEXT,			-- those that must review
	pending		TEXT,			-- those that have not decided
	findings	INTEGER,
	decided		INTEGER,
	through		INTEGER NOT NULL,	-- max(signoff.id) of docid, or 0
	committed	TEXT NOT NULL
);
CREATE INDEX decision_docid ON decision(docid, id);
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
BEGIN
	SELECT RAISE(ABORT, 'the decision log is append-only');
END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
BEGIN
	SELECT RAISE(ABORT, 'the decision log is append-only');
END;
