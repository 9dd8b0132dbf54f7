-- The registry's compliance record of an entity-year as carbon.compliance.v1 last told it (surrender-service owns it):
-- what has been surrendered, so that offsets never exceed what is still owed. event_time is the envelope's time: an
-- event older than the stored one (a late redelivery, a DLQ replay) leaves the row as it is.
create table compliance_position (
    uscc            varchar(18) not null,
    compliance_year int         not null,
    cycle           text        not null,
    province_code   text,
    status          text        not null
        check (status in ('OPEN', 'COMPLIANT', 'COMPLIANT_LATE', 'OVERDUE', 'EXEMPT')),
    obligation_t    bigint      not null check (obligation_t >= 0),
    surrendered_t   bigint      not null check (surrendered_t >= 0),
    offset_t        bigint      not null check (offset_t >= 0),
    remaining_t     bigint      not null check (remaining_t >= 0),
    event_id        uuid        not null,
    event_time      timestamptz not null,
    applied_at      timestamptz not null default now(),
    primary key (uscc, compliance_year)
);

-- Each passed check now also records what was still owed: surrendered (registry) and the remaining obligation before
-- the application's own quantity. Null on checks made before this version.
alter table offset_cap_check add column surrendered_t bigint;
alter table offset_cap_check add column remaining_obligation_t bigint;
