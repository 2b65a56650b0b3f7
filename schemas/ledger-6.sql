-- The poreview ledger, schema version 6: what changed from version 5
-- (schemas/ledger-5.sql).  The ledger keeps what po-respond needs to
-- answer the customer: each document's findings and what its verdict asks
-- the customer to confirm, and the responses written, appended, never
-- updated: an order document is answered once a response to its latest
-- decision is recorded.

-- What the review asked the customer to confirm: the verdict's confirm
-- column (written, sample, or both); NULL for a document committed
-- before version 6.
ALTER TABLE document ADD COLUMN confirm TEXT;

-- Each finding of a committed document, as po-check wrote it; n is its
-- number within the document, the number a sign-off names
-- (signoff.finding).  A document committed before version 6 has none.
CREATE TABLE finding (
	docid		TEXT NOT NULL REFERENCES document(docid),
	n		INTEGER NOT NULL,
	pos		INTEGER,		-- its line; NULL: the order
	code		TEXT NOT NULL,
	severity	TEXT NOT NULL,		-- info, review, reject
	department	TEXT NOT NULL,
	confirm		TEXT,			-- written, sample, or NULL
	field		TEXT,
	en		TEXT,
	zh		TEXT,
	PRIMARY KEY (docid, n)
);

-- Each response po-respond wrote: for which document and decision
-- (decision.id), what (ubl, cxml, opentrans: the order response; confirm:
-- the confirmation request to sign), the file's name in the folder and
-- its SHA-256, and the date.  Written again (po-respond --again), a new
-- row.
CREATE TABLE response (
	id		INTEGER PRIMARY KEY,
	order_key	TEXT NOT NULL,
	docid		TEXT NOT NULL REFERENCES document(docid),
	decision	INTEGER NOT NULL REFERENCES decision(id),
	kind		TEXT NOT NULL,
	file		TEXT NOT NULL,
	sha256		TEXT NOT NULL,
	written		TEXT NOT NULL
);
CREATE INDEX response_decision ON response(decision);
CREATE TRIGGER response_no_update BEFORE UPDATE ON response
BEGIN
	SELECT RAISE(ABORT, 'the response log is append-only');
END;
CREATE TRIGGER response_no_delete BEFORE DELETE ON response
BEGIN
	SELECT RAISE(ABORT, 'the response log is append-only');
END;
