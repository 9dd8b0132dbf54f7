-- When an entity-year still short at the compliance deadline was published OVERDUE with its uncured shortfall (once).
alter table compliance_record add column overdue_published_at timestamptz;
create index compliance_record_overdue_unpublished on compliance_record (cycle)
    where overdue_published_at is null and completed_at is null and not exempt;
