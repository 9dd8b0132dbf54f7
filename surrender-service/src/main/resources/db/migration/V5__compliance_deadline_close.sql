-- A cycle's compliance deadline closed once: every entity-year still short was published OVERDUE with its shortfall.
create table compliance_deadline_close (
    cycle             text primary key,
    closed_at         timestamptz not null,
    overdue_published int
);
