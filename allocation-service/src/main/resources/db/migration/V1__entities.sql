-- Key emitting entities (重点排放单位) and the history of their status (notice §一).
create table key_emitting_entity (
    uscc          varchar(18) primary key,
    name          text        not null,
    province_code char(6)     not null,
    sector        text        not null,
    status        text        not null check (status in ('OPERATING', 'FACILITIES_CLOSED', 'COMPLIANCE_RISK', 'DISSOLVED')),
    special_note  text,
    registered_at timestamptz not null default now(),
    registered_by text        not null,
    version       bigint      not null default 0
);
create index key_emitting_entity_province on key_emitting_entity (province_code, uscc);

create table entity_status_change (
    id          bigserial primary key,
    uscc        varchar(18) not null references key_emitting_entity (uscc),
    status      text        not null,
    reasons     text,
    special_note text,
    changed_by  text        not null,
    changed_at  timestamptz not null default now(),
    why         text
);
create index entity_status_change_uscc on entity_status_change (uscc, id);
