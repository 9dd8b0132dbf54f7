-- Court freezes of an entity's holding account (涉司法冻结). A registry user records the court order (PENDING); another
-- registry user approves it (ACTIVE: the account is frozen); lifting it is again requested (RELEASE_PENDING: still
-- frozen) and approved by another registry user (RELEASED). A frozen account sends nothing out but by forced
-- surrender or claw-back; it may still receive units. Several freezes may hold an account at once.
create table account_freeze (
    id                   uuid        primary key,
    uscc                 varchar(18) not null references entity_directory (uscc),
    account_id           bigint      not null references account (id),
    status               text        not null check (status in ('PENDING', 'ACTIVE', 'RELEASE_PENDING', 'RELEASED')),
    reason               text        not null,
    court_document       text        not null,
    requested_by         text        not null,
    requested_at         timestamptz not null,
    approved_by          text,
    approved_at          timestamptz,
    release_reason       text,
    release_document     text,
    release_requested_by text,
    release_requested_at timestamptz,
    released_by          text,
    released_at          timestamptz,
    -- four eyes, also here: nobody approves the freeze or the release they requested
    check (approved_by is null or lower(approved_by) <> lower(requested_by)),
    check (released_by is null or lower(released_by) <> lower(release_requested_by)),
    check ((status = 'PENDING') = (approved_by is null)),
    check ((status in ('RELEASE_PENDING', 'RELEASED')) = (release_requested_by is not null)),
    check ((status = 'RELEASED') = (released_by is not null))
);
create index account_freeze_entity on account_freeze (uscc, requested_at);
create index account_freeze_effective on account_freeze (account_id) where status in ('ACTIVE', 'RELEASE_PENDING');

-- Whatever the code above does: no line leaves a frozen holding account but a forced surrender or a claw-back.
create function ledger_line_frozen() returns trigger language plpgsql as $$
declare
    tx_kind text;
begin
    if exists (select 1 from account_freeze where account_id = new.from_account_id
                                              and status in ('ACTIVE', 'RELEASE_PENDING')) then
        select kind into tx_kind from ledger_transaction where id = new.transaction_id;
        if tx_kind not in ('FORCED_SURRENDER', 'CLAW_BACK') then
            raise exception using errcode = '23514',
                message = format('account %s is frozen by court order: no %s out of it', new.from_account_id, tx_kind);
        end if;
    end if;
    return new;
end $$;
create trigger ledger_line_frozen before insert on ledger_line for each row execute function ledger_line_frozen();
