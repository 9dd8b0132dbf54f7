-- The registry ledger (DESIGN.md, The ledger): double entry in whole tonnes. Every ledger_line moves a positive
-- quantity of one vintage from one account to another, so every transaction and every vintage sums to zero by
-- construction. Balances of entity and custody accounts are kept in `balance` by the line trigger and can never go
-- below zero (check constraint); the national issuance account (the only one allowed below zero) and the surrender
-- account (a sink, never debited) keep no balance row: theirs is the sum of their lines, so that no issuance or
-- surrender ever waits on one hot row.

-- V1's holding table was never written to; balances now follow from the lines.
drop table holding;

-- The vintages the ledger knows; which are borrowed-only (restricted) comes from the rulebook, synchronised at start.
create table vintage (
    code          text primary key,
    borrowed_only boolean not null default false
);
insert into vintage (code, borrowed_only) values ('2019-2020', false), ('2021', false), ('2022', false), ('2023', true);

create table ledger_transaction (
    id                 bigserial primary key,
    -- the business key that makes every command take effect once (instruction id, trade id, …)
    reference          text        not null unique,
    -- what the command said; a repeat of the reference with another fingerprint is refused
    fingerprint        text        not null,
    kind               text        not null check (kind in ('ISSUE', 'CLAW_BACK', 'SETTLEMENT', 'SURRENDER',
                                                            'FORCED_SURRENDER', 'RELEASE', 'OFFSET_CREDIT', 'BORROWING')),
    uscc               varchar(18) not null references entity_directory (uscc),
    counterparty_uscc  varchar(18) references entity_directory (uscc),
    compliance_year    int,
    -- requested quantity where it differs from the lines (claw-back) or has no lines (offset credit)
    quantity_t         bigint check (quantity_t > 0),
    -- the part of a claw-back that found no units and was added to the year's obligation instead
    obligation_added_t bigint      not null default 0 check (obligation_added_t >= 0),
    rulebook_id        text,
    rulebook_version   int,
    posted_at          timestamptz not null,
    posted_by          text        not null,
    event_id           uuid        not null unique
);
create index ledger_transaction_entity on ledger_transaction (uscc, compliance_year, kind);

create table ledger_line (
    transaction_id  bigint not null references ledger_transaction (id),
    line_no         int    not null,
    from_account_id bigint not null references account (id),
    to_account_id   bigint not null references account (id),
    vintage         text   not null references vintage (code),
    quantity_t      bigint not null check (quantity_t > 0),
    primary key (transaction_id, line_no),
    check (from_account_id <> to_account_id)
);
create index ledger_line_from on ledger_line (from_account_id, vintage);
create index ledger_line_to on ledger_line (to_account_id, vintage);

create table balance (
    account_id bigint not null references account (id),
    vintage    text   not null references vintage (code),
    balance_t  bigint not null check (balance_t >= 0),
    primary key (account_id, vintage)
);

-- Applies a line to the balances and refuses what the ledger never allows, whatever the code above it does.
create function ledger_line_post() returns trigger language plpgsql as $$
declare
    f          account%rowtype;
    t          account%rowtype;
    tx         ledger_transaction%rowtype;
    restricted boolean;
begin
    select * into f from account where id = new.from_account_id;
    select * into t from account where id = new.to_account_id;
    select * into tx from ledger_transaction where id = new.transaction_id;
    if f.kind = 'SURRENDER' then
        raise exception using errcode = '23514', message = 'the surrender account is never debited';
    end if;
    if t.kind = 'NATIONAL_ISSUANCE' and tx.kind <> 'CLAW_BACK' then
        raise exception using errcode = '23514', message = format('%s never returns units to issuance', tx.kind);
    end if;
    if f.kind = 'PROVINCIAL_CUSTODY' and tx.kind not in ('FORCED_SURRENDER', 'RELEASE', 'CLAW_BACK') then
        raise exception using errcode = '23514', message = format('custody units never move by %s', tx.kind);
    end if;
    select borrowed_only into restricted from vintage where code = new.vintage;
    if restricted and not (
            (tx.kind = 'BORROWING' and f.kind = 'NATIONAL_ISSUANCE' and t.kind = 'ENTITY_HOLDING' and t.uscc = tx.uscc)
            or (tx.kind = 'SURRENDER' and f.kind = 'ENTITY_HOLDING' and t.kind = 'SURRENDER' and f.uscc = tx.uscc)) then
        raise exception using errcode = '23514',
            message = format('restricted (borrowed) units of vintage %s never move by %s', new.vintage, tx.kind);
    end if;
    perform set_config('carbon.posting', 'on', true);
    if f.kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY') then
        update balance set balance_t = balance_t - new.quantity_t
         where account_id = f.id and vintage = new.vintage;
        if not found then
            raise exception using errcode = '23514',
                message = format('account %s holds no units of vintage %s', f.id, new.vintage);
        end if;
    end if;
    if t.kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY') then
        insert into balance (account_id, vintage, balance_t) values (t.id, new.vintage, new.quantity_t)
        on conflict (account_id, vintage) do update set balance_t = balance.balance_t + excluded.balance_t;
    end if;
    perform set_config('carbon.posting', 'off', true);
    return new;
end $$;
create trigger ledger_line_post before insert on ledger_line for each row execute function ledger_line_post();

-- Balances change only through posted lines.
create function balance_only_by_posting() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('carbon.posting', true), 'off') <> 'on' then
        raise exception using errcode = '23514', message = 'balances change only by posting ledger lines';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger balance_only_by_posting before insert or update or delete on balance
    for each row execute function balance_only_by_posting();

-- The ledger is append-only: corrections are new transactions.
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception using errcode = '23514', message = format('%s is append-only', tg_table_name);
end $$;
create trigger ledger_transaction_append_only before update or delete on ledger_transaction
    for each row execute function ledger_append_only();
create trigger ledger_line_append_only before update or delete on ledger_line
    for each row execute function ledger_append_only();

-- An entity's compliance for one year (RULES.md §5.1, §10): the obligation, what met it, and when it was complete.
create table compliance_record (
    uscc               varchar(18) not null references entity_directory (uscc),
    compliance_year    int         not null,
    cycle              text        not null,
    province_code      char(6)     not null,
    obligation_t       bigint check (obligation_t >= 0),
    exempt             boolean     not null default false,
    -- claw-backs that found too few units (RULES.md §16): added to the obligation, visibly
    obligation_added_t bigint      not null default 0 check (obligation_added_t >= 0),
    surrendered_t      bigint      not null default 0 check (surrendered_t >= 0),
    borrowed_t         bigint      not null default 0 check (borrowed_t >= 0),
    -- borrowed units serve only the borrower's own year, and no more than it borrowed
    borrowed_used_t    bigint      not null default 0 check (borrowed_used_t >= 0 and borrowed_used_t <= borrowed_t),
    offset_t           bigint      not null default 0 check (offset_t >= 0),
    shortfall_t        bigint      not null default 0 check (shortfall_t >= 0),
    completed_at       timestamptz,
    certificate_id     text,
    updated_at         timestamptz not null,
    primary key (uscc, compliance_year)
);
create index compliance_record_province on compliance_record (province_code, compliance_year);

-- Every state a record had, for the status as of any date (and so frozen at the deadline).
create table compliance_history (
    id              bigserial primary key,
    uscc            varchar(18) not null,
    compliance_year int         not null,
    at                 timestamptz not null,
    obligation_t       bigint,
    obligation_added_t bigint      not null,
    exempt             boolean     not null,
    remaining_t        bigint,
    shortfall_t        bigint      not null,
    completed_at       timestamptz,
    cause           text        not null
);
create index compliance_history_at on compliance_history (uscc, compliance_year, at, id);

-- Notice §五(三): after the deadline an entity asks, its province confirms, then it may surrender.
create table late_compliance_request (
    id              uuid primary key,
    uscc            varchar(18) not null references entity_directory (uscc),
    compliance_year int         not null,
    reason          text,
    status          text        not null check (status in ('REQUESTED', 'CONFIRMED')),
    requested_by    text        not null,
    requested_at    timestamptz not null,
    confirmed_by    text,
    confirmed_at    timestamptz
);
create unique index late_compliance_once on late_compliance_request (uscc, compliance_year);

-- Notice §一: the province entrusts, the registry executes.
create table forced_surrender (
    id           uuid primary key,
    uscc         varchar(18) not null references entity_directory (uscc),
    cycle        text        not null,
    status       text        not null check (status in ('ENTRUSTED', 'EXECUTED')),
    entrusted_by text        not null,
    entrusted_at timestamptz not null,
    executed_by  text,
    executed_at  timestamptz,
    result       text
);
create unique index forced_surrender_open_once on forced_surrender (uscc, cycle) where status = 'ENTRUSTED';

-- 履约证明: numbered, the signed payload kept byte for byte.
create sequence certificate_number;
create table certificate (
    id              text primary key,
    number          bigint      not null unique,
    uscc            varchar(18) not null references entity_directory (uscc),
    compliance_year int         not null,
    payload         text        not null,
    signature       text        not null,
    key_id          text        not null,
    issued_at       timestamptz not null
);
create index certificate_entity on certificate (uscc, compliance_year);
