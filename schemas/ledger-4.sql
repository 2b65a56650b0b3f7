-- The poreview ledger, schema version 4: what changed from version 3
-- (schemas/ledger-3.sql).  Customer property arrives in several
-- deliveries, each inspected on its own.

-- The delivery an event concerns: a receive's is its own number (1 for
-- the item's first receive event, then 2, ...); an inspect's the delivery
-- inspected; another event's the one staff named, else NULL (then its
-- quantity is taken from the oldest delivery first).  Older rows have
-- NULL: they are replayed by that rule, which gives what they meant.
ALTER TABLE property_event ADD COLUMN delivery INTEGER;
