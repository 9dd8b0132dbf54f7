-- The audit chain is keyed from now on (HMAC-SHA256 under a key from a Secret): whoever can write the table can no
-- longer recompute the hashes of a rewritten entry. Entries chained before carry 'sha256' (unkeyed) and verify only
-- up to carbon.audit.unkeyed-until (configured outside the database at the upgrade); any other unkeyed one is a break.
alter table audit_entry add column chain text not null default 'sha256';
alter table audit_entry alter column chain set default 'hmac-sha256';
