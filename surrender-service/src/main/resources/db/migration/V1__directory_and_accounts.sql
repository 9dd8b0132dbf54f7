-- The entities this service knows of, as carbon.entities.v1 told it (for scoping and account opening).
create table entity_directory (
    uscc          varchar(18) primary key,
    name          text        not null,
    province_code char(6)     not null,
    status        text        not null,
    updated_at    timestamptz not null default now()
);
create index entity_directory_province on entity_directory (province_code);

-- Registry accounts (DESIGN.md, The ledger): an entity's holding account, the province's custody account held for
-- that entity, the national issuance account and the surrender account.
create table account (
    id            bigserial primary key,
    kind          text        not null check (kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY', 'NATIONAL_ISSUANCE', 'SURRENDER')),
    uscc          varchar(18) references entity_directory (uscc),
    province_code char(6),
    opened_at     timestamptz not null default now(),
    unique (kind, uscc),
    check ((kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY')) = (uscc is not null))
);
create unique index account_national_once on account (kind) where uscc is null;

-- Balances by vintage; only the national issuance account may go below zero (enforced here, not only in Java).
create table holding (
    account_id   bigint  not null references account (id),
    vintage      text    not null check (vintage in ('2019-2020', '2021', '2022', '2023')),
    free_t       bigint  not null default 0,
    restricted_t bigint  not null default 0 check (restricted_t >= 0),
    is_issuance  boolean not null default false,
    primary key (account_id, vintage),
    check (is_issuance or free_t >= 0)
);

insert into account (kind) values ('NATIONAL_ISSUANCE'), ('SURRENDER');
