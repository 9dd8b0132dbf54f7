-- carbon.compliance.v1 (surrender-service owns the compliance records): the latest record per entity, cycle and
-- compliance year, for the issuance summary and the compliance notice. event_time is the envelope's time: an event
-- older than the stored one (a late redelivery, a DLQ replay) leaves the row as it is.
create table compliance_record (
    uscc            varchar(18) not null,
    cycle           text        not null,
    compliance_year int         not null,
    province_code   text,
    status          text        not null
        check (status in ('OPEN', 'COMPLIANT', 'COMPLIANT_LATE', 'OVERDUE', 'EXEMPT')),
    obligation_t    bigint      not null check (obligation_t >= 0),
    surrendered_t   bigint      not null check (surrendered_t >= 0),
    shortfall_t     bigint      not null check (shortfall_t >= 0),
    event_id        uuid        not null,
    event_type      text        not null,
    event_time      timestamptz not null,
    applied_at      timestamptz not null default now(),
    primary key (uscc, cycle, compliance_year)
);

-- the summary reads a cycle's records of many entities at once
create index compliance_record_cycle on compliance_record (cycle, uscc);
