-- The cycles after 2021-2022 (docs/RULES-2023-2025.md): annual compliance, gross generation, provisional values.

-- Gross generation (发电量), what the benchmark multiplies from 2023; null in data imported before it was asked for.
alter table unit_year_data add column power_generation_mwh numeric check (power_generation_mwh >= 0);

-- A production line of steel, cement or aluminium (allocated its verified emissions from 2024) has no cooling.
alter table unit_year_data alter column cooling drop not null;
alter table unit_allowance alter column cooling drop not null;

-- What each unit figure multiplied and which provisional values of its rulebook it used (paths, "; "-separated).
alter table unit_allowance add column power_generation_mwh numeric;
alter table unit_allowance add column output_basis text not null default 'NET_SUPPLY'
    check (output_basis in ('NET_SUPPLY', 'GROSS_GENERATION'));
alter table unit_allowance add column provisional_values text;

-- An entity-year computed from provisional values; its issuance waits for two registry officers' confirmation.
alter table entity_year_allocation add column provisional_values text;
alter table entity_year_allocation add column issuance_withheld boolean not null default false;

-- The bridge (RULES-2023-2025.md §3.5): what earlier cycles left owed to this year's allocation vintage (borrowing
-- to repay, relief advances, uncured shortfalls) and the part deducted from this verification's issuance.
alter table entity_year_allocation add column owed_from_earlier_cycles_t bigint not null default 0;
alter table entity_year_allocation add column deducted_t bigint not null default 0;

-- Four eyes: each registry officer's confirmation that a rulebook version's provisional values may be issued from.
create table provisional_confirmation (
    rulebook_id      text        not null,
    rulebook_version int         not null,
    confirmed_by     text        not null,
    confirmed_at     timestamptz not null,
    note             text        not null,
    primary key (rulebook_id, rulebook_version, confirmed_by)
);
