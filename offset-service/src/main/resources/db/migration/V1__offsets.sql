-- The offset settings of each cycle's rulebook, by version; the highest version of a cycle is the one in force.
create table offset_rulebook (
    cycle       text        not null,
    version     int         not null check (version > 0),
    rulebook_id text        not null,
    body        jsonb       not null,
    loaded_at   timestamptz not null default now(),
    loaded_by   text        not null,
    primary key (cycle, version)
);

-- The entities this service knows of, as carbon.entities.v1 told it (for scoping by province).
create table entity_directory (
    uscc          varchar(18) primary key,
    name          text        not null,
    province_code char(6)     not null,
    status        text        not null,
    updated_at    timestamptz not null default now()
);
create index entity_directory_province on entity_directory (province_code);

-- An entity's obligation for one compliance year (carbon.obligations.v1; a later event replaces the earlier one).
-- This row is also the lock of the entity-year: every change to that year's applications holds it first.
create table obligation (
    uscc             varchar(18) not null,
    compliance_year  int         not null,
    cycle            text        not null,
    province_code    char(6)     not null,
    obligation_t     bigint      not null check (obligation_t >= 0),
    exempt           boolean     not null,
    rulebook_id      text,
    rulebook_version int,
    updated_at       timestamptz not null default now(),
    primary key (uscc, compliance_year)
);

-- CCER units frozen for offset (待抵销) as the CCER registry reported them. quantity = reserved (by pending
-- applications) + cancelled (by confirmations) + available, at all times: never more is reserved or cancelled.
create table ccer_lot (
    lot_id                        text        primary key,
    uscc                          varchar(18) not null references entity_directory (uscc),
    province_code                 char(6)     not null,
    project_id                    text        not null,
    project_name                  text,
    project_type                  text        not null,
    quantity_t                    bigint      not null check (quantity_t > 0),
    reserved_t                    bigint      not null default 0 check (reserved_t >= 0),
    cancelled_t                   bigint      not null default 0 check (cancelled_t >= 0),
    inside_national_ets_coverage  boolean     not null,
    filed_on                      date        not null,
    first_cycle_cancelled_unused  boolean     not null,
    first_cycle_cancellation_ref  text,
    registered_by                 text        not null,
    registered_at                 timestamptz not null,
    check (reserved_t + cancelled_t <= quantity_t),
    check (not first_cycle_cancelled_unused or first_cycle_cancellation_ref is not null)
);
create index ccer_lot_entity on ccer_lot (uscc);
create index ccer_lot_province on ccer_lot (province_code);

-- An offset application: the entity applies, its province reviews, the registry confirms.
create table offset_application (
    id              uuid        primary key,
    uscc            varchar(18) not null,
    province_code   char(6)     not null,
    cycle           text        not null,
    compliance_year int         not null,
    quantity_t      bigint      not null check (quantity_t > 0),
    status          text        not null check (status in ('PENDING_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CONFIRMED')),
    applied_by      text        not null,
    applied_at      timestamptz not null,
    reviewed_by     text,
    reviewed_at     timestamptz,
    review_comment  text,
    confirmed_by    text,
    confirmed_at    timestamptz,
    closed_by       text,
    closed_at       timestamptz,
    -- four eyes, also here: nobody approves what they initiated, and the reviewer does not confirm
    check (reviewed_by is null or lower(reviewed_by) <> lower(applied_by)),
    check (confirmed_by is null or (lower(confirmed_by) <> lower(applied_by) and lower(confirmed_by) <> lower(reviewed_by)))
);
create index offset_application_entity_year on offset_application (uscc, cycle, compliance_year, status);
create index offset_application_province on offset_application (province_code, status);

create table offset_application_line (
    application_id       uuid   not null references offset_application (id),
    line_no              int    not null,
    lot_id               text   not null references ccer_lot (lot_id),
    quantity_t           bigint not null check (quantity_t > 0),
    first_cycle_evidence text,
    primary key (application_id, line_no),
    unique (application_id, lot_id)
);
create index offset_application_line_lot on offset_application_line (lot_id);

-- Each cap check of an application (application, review, confirmation) with the figures and rulebook it used.
create table offset_cap_check (
    application_id   uuid        not null references offset_application (id),
    step             text        not null check (step in ('APPLICATION', 'REVIEW', 'CONFIRMATION')),
    checked_at       timestamptz not null,
    rulebook_id      text        not null,
    rulebook_version int         not null,
    obligation_t     bigint      not null,
    cap_t            bigint      not null,
    confirmed_t      bigint      not null,
    pending_t        bigint      not null,
    primary key (application_id, step)
);

-- The cancelled parts of lots: a confirmation that uses part of a lot splits it into the cancelled part
-- <lotId>/<seq> (seq 1, 2, … in confirmation order, under the lot's lock) and the rest, still frozen under the lot's id.
create table lot_cancellation (
    cancellation_id text        primary key,
    lot_id          text        not null references ccer_lot (lot_id),
    seq             int         not null check (seq > 0),
    application_id  uuid        not null references offset_application (id),
    compliance_year int         not null,
    quantity_t      bigint      not null check (quantity_t > 0),
    cancelled_at    timestamptz not null,
    unique (lot_id, seq),
    unique (lot_id, application_id)
);
