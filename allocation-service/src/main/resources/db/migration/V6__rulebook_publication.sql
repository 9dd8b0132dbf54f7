-- When a stored rulebook version was published on carbon.rulebooks.v1 (through the outbox, in the same transaction).
-- Versions stored before publication existed are published at the next start.
alter table rulebook_version add column published_at timestamptz;
