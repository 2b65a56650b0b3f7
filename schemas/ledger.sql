-- The poreview ledger, schema version 1 (SQLite; the version is the
-- database's user_version).  po-ledger writes it, one transaction a batch;
-- po-check and po-sheet only read it.  Staff may query it with sqlite3.
-- Later versions change it in steps: ledger-2.sql (customer property),
-- ledger-3.sql (the content of every version of an order), ledger-4.sql
-- (deliveries of customer property), ledger-5.sql (the decisions),
-- ledger-6.sql (findings and the responses to the customer).

-- Customers: the buyer part of the order key (schemas/records.md).
CREATE TABLE customer (
	buyer		TEXT PRIMARY KEY,	-- "0088:4012345000009", "name:acme"
	name		TEXT,
	country		TEXT,
	first_order	TEXT NOT NULL,		-- the order key of the first order
	first_seen	TEXT NOT NULL		-- the date it was committed
);

-- Every version of every order document ever committed.
CREATE TABLE document (
	docid		TEXT PRIMARY KEY,
	order_key	TEXT NOT NULL,
	buyer		TEXT NOT NULL REFERENCES customer(buyer),
	number		TEXT,
	doctype		TEXT NOT NULL,		-- order, change, cancel
	seq		INTEGER NOT NULL,
	checksum	TEXT NOT NULL,		-- CRC-32 of the content
	length		INTEGER NOT NULL,	-- and its length
	source		TEXT,
	issue_date	TEXT,
	currency	TEXT,
	amount		REAL,
	verdict		TEXT,
	committed	TEXT NOT NULL		-- the date of the commit
);
CREATE INDEX document_order ON document(order_key);
CREATE UNIQUE INDEX document_content ON document(order_key, checksum, length);

-- The load each order line puts on production, per product and ISO week.
CREATE TABLE load (
	docid		TEXT NOT NULL REFERENCES document(docid),
	pos		INTEGER NOT NULL,
	sku		TEXT NOT NULL,
	week		TEXT NOT NULL,		-- "2027-W03"
	quantity	REAL NOT NULL,		-- in the product's base unit
	PRIMARY KEY (docid, pos, sku)
);
CREATE INDEX load_week ON load(sku, week);

-- Customer property: an append-only log of events; status is derived.
CREATE TABLE property_event (
	id		INTEGER PRIMARY KEY,
	item		TEXT NOT NULL,		-- "DOCID/POS/N" for expected items
	event		TEXT NOT NULL,		-- expect, receive, inspect, ...
	order_key	TEXT,
	docid		TEXT,
	pos		INTEGER,
	type		TEXT,			-- material, tooling, drawing, ...
	description	TEXT,
	quantity	REAL,
	unit		TEXT,
	note		TEXT,
	who		TEXT NOT NULL,
	at		TEXT NOT NULL
);
CREATE UNIQUE INDEX property_expect ON property_event(item, event)
	WHERE event = 'expect';
