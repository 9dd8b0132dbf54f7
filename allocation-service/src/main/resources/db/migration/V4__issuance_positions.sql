-- Issue 12 (special entities): an entity-year pre-allocated without verified unit data stays open until the data
-- come or the province declares, with a reason, that the units emitted nothing that year.

-- set by a verification run that found a pre-allocation and no verified data; cleared when the year is verified
alter table entity_year_allocation add column awaiting_verified_data_at timestamptz;

create table no_emissions_declaration (
    cycle         text        not null,
    uscc          varchar(18) not null references key_emitting_entity (uscc),
    year          int         not null,
    province_code char(6)     not null,
    reason        text        not null,
    declared_by   text        not null,
    declared_at   timestamptz not null,
    primary key (cycle, uscc, year)
);
