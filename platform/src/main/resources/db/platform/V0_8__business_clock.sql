-- Where the registry last set the business clock (only where it may move: carbon.clock.adjustable, the local stack
-- and season runs). A restarted service resumes from it instead of carbon.clock.start, so its deadlines do not jump
-- back to the stack's first day. One row; the offset from the real time, as the clock keeps it.
create table business_clock (
    id        boolean primary key default true check (id),
    offset_ms bigint      not null,
    set_to    timestamptz not null,
    set_at    timestamptz not null default now()
);
