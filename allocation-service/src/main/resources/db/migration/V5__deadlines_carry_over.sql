-- Issue 12, items 4, 5 and 8: allocation-stage actions judged by the rulebook's deadlines, the carry-over to the next
-- allocation, penalty cases, and who sent each compliance notice.

-- Every allocation-stage action per province (rulebook deadlines.<key>.appliesTo): done after its deadline it needed a
-- reason (late = true). A registry run for all provinces is one row per province that has entities.
create table stage_action (
    id            bigserial primary key,
    cycle         text        not null,
    province_code text        not null,
    action        text        not null check (action in ('VERIFIED_DATA_IMPORT', 'PRE_ALLOCATION_RUN',
                                                          'VERIFICATION_RUN', 'TABLES_SUBMISSION', 'COMPLIANCE_NOTICE')),
    reference     text        not null,
    deadline_key  text        not null,
    deadline_date date        not null,
    late          boolean     not null,
    late_reason   text,
    done_by       text        not null,
    done_at       timestamptz not null,
    check (not late or late_reason is not null)
);
create index stage_action_province on stage_action (cycle, province_code, action);

-- 履约通知书 delivery: who sent it (registry, or the province for a special entity), when; when the entity acknowledged.
create table compliance_notice_delivery (
    cycle           text        not null,
    uscc            varchar(18) not null,
    sender_role     text        not null check (sender_role in ('registry', 'province')),
    sent_by         text        not null,
    sent_at         timestamptz not null,
    late            boolean     not null,
    late_reason     text,
    acknowledged_by text,
    acknowledged_at timestamptz,
    primary key (cycle, uscc)
);

-- An uncured shortfall at the compliance deadline, owed 1:1 by the next allocation. Never deleted: a late compliance
-- cancels the line (CANCELLED), a changed shortfall supersedes it with a new line (SUPERSEDED).
create table shortfall_line (
    id               bigserial primary key,
    cycle            text        not null,
    uscc             varchar(18) not null,
    compliance_year  int         not null,
    vintage          text        not null,
    quantity_t       bigint      not null check (quantity_t > 0),
    state            text        not null check (state in ('OWED', 'CANCELLED', 'SUPERSEDED')),
    compliance_event uuid        not null,
    recorded_at      timestamptz not null,
    state_changed_at timestamptz,
    state_reason     text
);
create index shortfall_line_entity on shortfall_line (cycle, uscc);
-- one owed line per entity-year at a time
create unique index shortfall_line_owed on shortfall_line (cycle, uscc, compliance_year) where state = 'OWED';

-- The statement's revision per entity, so that each published statement is numbered.
create table carry_over_statement (
    cycle        text        not null,
    uscc         varchar(18) not null,
    revision     int         not null,
    published_at timestamptz not null,
    primary key (cycle, uscc)
);

-- The province's penalty case of an entity-year with a shortfall at the deadline (Measures 2021 Art. 39).
create table penalty_case (
    cycle                   text        not null,
    uscc                    varchar(18) not null,
    compliance_year         int         not null,
    correction_deadline     date,
    correction_document_no  text,
    correction_recorded_by  text,
    correction_recorded_at  timestamptz,
    fine_cny                numeric(14, 2),
    fine_document_no        text,
    fine_recorded_by        text,
    fine_recorded_at        timestamptz,
    primary key (cycle, uscc, compliance_year)
);
