-- The poreview ledger, schema version 3: what changed from version 2
-- (schemas/ledger-2.sql).  Every version of an order keeps its content,
-- so po-check can compare a change with the version before it.

-- The order data of each committed document as its stream records came:
-- its order, line, prop, note and doc records, one a line, escaped as in
-- the stream (schemas/records.md).  Plain text, not compressed: an order
-- is a few kilobytes, and staff can read a version with sqlite3.  A
-- document committed before version 3 has no row here; its version is
-- known but cannot be compared.
CREATE TABLE version (
	docid		TEXT PRIMARY KEY REFERENCES document(docid),
	records		TEXT NOT NULL
);

-- document.seq is the sequence number the document states; a change or
-- cancellation that states none is numbered by po-ledger after the
-- highest version of its order already in the ledger.
