-- Issue 3: the rulebook versions, entity status with reasons, unit data with its revisions, the computed allocation
-- (per unit and per entity-year, each with the rulebook version it used), the instructions sent to the registry,
-- the jobs that compute them, borrowing (预支) and relief (纾困) applications.

-- ---- rulebook ------------------------------------------------------------------------------------------------
create table rulebook_version (
    cycle        text        not null,
    version      int         not null check (version > 0),
    rulebook_id  text        not null,
    document     text        not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null default now(),
    primary key (cycle, version)
);

-- ---- entity status (notice §一) -------------------------------------------------------------------------------
alter table key_emitting_entity add column status_reasons text;
alter table key_emitting_entity add column status_changed_at timestamptz;
alter table entity_status_change add column previous_status text;

-- ---- unit data (the CSV of API.md) ----------------------------------------------------------------------------
create table unit_data_import (
    id             uuid primary key,
    cycle          text        not null,
    imported_by    text        not null,
    imported_at    timestamptz not null,
    content_sha256 text        not null,
    rows_total     int         not null,
    inserted       int         not null,
    replaced       int         not null,
    unchanged      int         not null
);

create table unit_year_data (
    cycle                text        not null,
    uscc                 varchar(18) not null references key_emitting_entity (uscc),
    unit_id              text        not null,
    year                 int         not null,
    category             text        not null,
    cooling              text        not null check (cooling in ('WATER', 'AIR')),
    capacity_mw          numeric,
    power_supply_mwh     numeric     not null check (power_supply_mwh >= 0),
    heat_supply_gj       numeric     not null check (heat_supply_gj >= 0),
    heat_ratio           numeric     not null check (heat_ratio between 0 and 1),
    load_factor          numeric     check (load_factor between 0 and 1),
    verified_emissions_t bigint      not null check (verified_emissions_t >= 0),
    import_id            uuid        not null references unit_data_import (id),
    primary key (cycle, uscc, unit_id, year)
);

-- a re-import that changes a unit-year: who, when, the values before and after
create table unit_data_revision (
    id         bigserial primary key,
    cycle      text        not null,
    uscc       varchar(18) not null,
    unit_id    text        not null,
    year       int         not null,
    import_id  uuid        not null references unit_data_import (id),
    revised_by text        not null,
    revised_at timestamptz not null,
    old_values jsonb       not null,
    new_values jsonb       not null
);
create index unit_data_revision_unit on unit_data_revision (cycle, uscc, unit_id, year, id);

-- ---- jobs ---------------------------------------------------------------------------------------------------------
create table allocation_job (
    id               uuid primary key,
    kind             text        not null check (kind in ('PRE_ALLOCATION', 'VERIFICATION')),
    cycle            text        not null,
    province_code    char(6),
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'COMPLETED_WITH_ERRORS', 'FAILED')),
    rulebook_id      text        not null,
    rulebook_version int         not null,
    total            int         not null default 0,
    done             int         not null default 0,
    failed           int         not null default 0,
    skipped_years    int         not null default 0,
    units_computed   int         not null default 0,
    instructions     int         not null default 0,
    obligations      int         not null default 0,
    errors           jsonb       not null default '[]',
    message          text,
    requested_by     text        not null,
    requested_at     timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);

-- ---- computed allocation --------------------------------------------------------------------------------------
-- one row per unit, year and stage; PRE_ALLOCATION rows hold the base-year inputs with that year's benchmarks
create table unit_allowance (
    cycle                text        not null,
    uscc                 varchar(18) not null,
    unit_id              text        not null,
    year                 int         not null,
    stage                text        not null check (stage in ('PRE_ALLOCATION', 'VERIFICATION')),
    rulebook_id          text        not null,
    rulebook_version     int         not null,
    data_year            int         not null,
    category             text        not null,
    cooling              text        not null,
    capacity_mw          numeric,
    power_supply_mwh     numeric     not null,
    heat_supply_gj       numeric     not null,
    heat_ratio           numeric     not null,
    load_factor          numeric,
    verified_emissions_t bigint      not null,
    supply_benchmark     numeric     not null,
    heat_benchmark       numeric     not null,
    cooling_factor       numeric     not null,
    cooling_basis        text        not null,
    heat_supply_factor   numeric     not null,
    heat_supply_basis    text        not null,
    load_correction      numeric     not null,
    load_basis           text        not null,
    supply_part          numeric     not null,
    heat_part            numeric     not null,
    unrounded            numeric     not null,
    allowance_t          bigint      not null,
    pre_share            numeric,
    pre_allocated_t      bigint,
    job_id               uuid,
    computed_at          timestamptz not null,
    primary key (cycle, uscc, year, stage, unit_id)
);

create table entity_year_allocation (
    cycle                        text        not null,
    uscc                         varchar(18) not null references key_emitting_entity (uscc),
    year                         int         not null,
    province_code                char(6)     not null,
    vintage                      text        not null,
    -- pre-allocation (预分配)
    pre_rulebook_id              text,
    pre_rulebook_version         int,
    pre_status                   text,
    pre_units                    int,
    pre_computed_t               bigint,
    pre_allocated_t              bigint,
    pre_withheld_reason          text,
    pre_computed_at              timestamptz,
    -- verification (核定)
    ver_rulebook_id              text,
    ver_rulebook_version         int,
    ver_status                   text,
    ver_units                    int,
    verified_emissions_t         bigint,
    verified_allocation_t        bigint,
    gas_relief_t                 bigint,
    gas_obligation_reduction_t   bigint,
    floor_t                      bigint,
    floor_relief_t               bigint,
    issued_t                     bigint,
    pre_allocated_issued_t       bigint,
    true_up_t                    bigint,
    obligation_t                 bigint,
    obligation_exempt            boolean,
    gap_t                        bigint,
    ccer_cap_t                   bigint,
    borrowing_eligible           boolean,
    borrowing_ceiling_t          bigint,
    destination                  text,
    special_listed               boolean,
    verified_at                  timestamptz,
    -- the obligation last published on carbon.obligations.v1 (a re-run publishes only a change)
    published_obligation_t       bigint,
    published_obligation_exempt  boolean,
    published_obligation_status  text,
    primary key (cycle, uscc, year)
);
create index entity_year_allocation_province on entity_year_allocation (cycle, province_code, uscc);

-- every instruction sent to the registry (carbon.allocations.v1); what a re-run compares against
create table allocation_instruction (
    instruction_id   text primary key,
    cycle            text        not null,
    uscc             varchar(18) not null,
    province_code    char(6)     not null,
    year             int         not null,
    vintage          text        not null,
    stage            text        not null check (stage in ('PRE_ALLOCATION', 'VERIFICATION', 'RELIEF')),
    seq              int         not null,
    kind             text        not null check (kind in ('ISSUE', 'CLAW_BACK')),
    destination      text        not null check (destination in ('ENTITY_ACCOUNT', 'PROVINCIAL_CUSTODY')),
    quantity_t       bigint      not null check (quantity_t > 0),
    rulebook_id      text        not null,
    rulebook_version int         not null,
    rule             text        not null,
    job_id           uuid,
    created_by       text        not null,
    created_at       timestamptz not null,
    unique (cycle, uscc, year, stage, seq)
);

-- ---- borrowing (预支) and relief (纾困) ---------------------------------------------------------------------------
create table borrowing_application (
    id               uuid primary key,
    cycle            text        not null,
    uscc             varchar(18) not null references key_emitting_entity (uscc),
    province_code    char(6)     not null,
    compliance_year  int         not null,
    requested_t      bigint      not null check (requested_t > 0),
    reason           text        not null,
    status           text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    gap_t            bigint      not null,
    ceiling_t        bigint      not null,
    source_vintage   text        not null,
    rulebook_id      text        not null,
    rulebook_version int         not null,
    applied_by       text        not null,
    applied_at       timestamptz not null,
    approved_t       bigint,
    decided_by       text,
    decided_at       timestamptz,
    decision_note    text,
    version          bigint      not null default 0
);
create unique index borrowing_application_live on borrowing_application (cycle, uscc, compliance_year)
    where status in ('PENDING', 'APPROVED');

create table relief_application (
    id                  uuid primary key,
    cycle               text        not null,
    uscc                varchar(18) not null references key_emitting_entity (uscc),
    province_code       char(6)     not null,
    compliance_year     int         not null,
    requested_t         bigint      not null check (requested_t > 0),
    public_service_duty text        not null,
    reason              text        not null,
    status              text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    gap_t               bigint      not null,
    rulebook_id         text        not null,
    rulebook_version    int         not null,
    applied_by          text        not null,
    applied_at          timestamptz not null,
    approved_t          bigint,
    decided_by          text,
    decided_at          timestamptz,
    decision_note       text,
    version             bigint      not null default 0
);
create unique index relief_application_live on relief_application (cycle, uscc, compliance_year)
    where status in ('PENDING', 'APPROVED');

-- advances to be deducted 1:1 from the entity's next allocation (RULES.md §4.8, §4.9)
create table next_allocation_deduction (
    id           bigserial primary key,
    cycle        text        not null,
    uscc         varchar(18) not null,
    vintage      text        not null,
    quantity_t   bigint      not null check (quantity_t > 0),
    source       text        not null check (source in ('BORROWING', 'RELIEF')),
    reference    text        not null unique,
    recorded_by  text        not null,
    recorded_at  timestamptz not null
);
create index next_allocation_deduction_entity on next_allocation_deduction (cycle, uscc);
