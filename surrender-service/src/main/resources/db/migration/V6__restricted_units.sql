-- The restriction belongs to the units, not to the vintage (DESIGN.md, The ledger): borrowed units (预支) are restricted
-- whatever their vintage, while the same vintage issued by its own year's allocation is free. Until now vintage 2023
-- existed only as borrowed units; the 2023 rulebook issues it as ordinary units. Every line and every balance carries
-- its flag; `vintage.borrowed_only` only says what the rulebooks in force say and governs nothing here any more.
alter table ledger_line add column restricted boolean not null default false;
alter table balance add column restricted boolean not null default false;

-- The lines and balances posted so far of the vintages that were borrowed-only were borrowed units. The ledger is
-- append-only and balances change only by posting: both guards are off for these two statements alone.
alter table ledger_line disable trigger ledger_line_append_only;
alter table balance disable trigger balance_only_by_posting;
update ledger_line set restricted = true where vintage in (select code from vintage where borrowed_only);
update balance set restricted = true where vintage in (select code from vintage where borrowed_only);
alter table balance enable trigger balance_only_by_posting;
alter table ledger_line enable trigger ledger_line_append_only;

alter table balance drop constraint balance_pkey;
alter table balance add primary key (account_id, vintage, restricted);

-- As V2's, with the restriction taken from the line: a borrowing posts restricted units, and restricted units move
-- only from national issuance to their borrower (BORROWING) and from the borrower to surrender (SURRENDER).
create or replace function ledger_line_post() returns trigger language plpgsql as $$
declare
    f  account%rowtype;
    t  account%rowtype;
    tx ledger_transaction%rowtype;
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
    if tx.kind = 'BORROWING' and not new.restricted then
        raise exception using errcode = '23514',
            message = format('borrowed units of vintage %s are restricted units', new.vintage);
    end if;
    if new.restricted and not (
            (tx.kind = 'BORROWING' and f.kind = 'NATIONAL_ISSUANCE' and t.kind = 'ENTITY_HOLDING' and t.uscc = tx.uscc)
            or (tx.kind = 'SURRENDER' and f.kind = 'ENTITY_HOLDING' and t.kind = 'SURRENDER' and f.uscc = tx.uscc)) then
        raise exception using errcode = '23514',
            message = format('restricted (borrowed) units of vintage %s never move by %s', new.vintage, tx.kind);
    end if;
    perform set_config('carbon.posting', 'on', true);
    if f.kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY') then
        update balance b set balance_t = b.balance_t - new.quantity_t
         where b.account_id = f.id and b.vintage = new.vintage and b.restricted = new.restricted;
        if not found then
            raise exception using errcode = '23514',
                message = format('account %s holds no units of vintage %s%s', f.id, new.vintage,
                                 case when new.restricted then ' (restricted)' else '' end);
        end if;
    end if;
    if t.kind in ('ENTITY_HOLDING', 'PROVINCIAL_CUSTODY') then
        insert into balance (account_id, vintage, restricted, balance_t)
        values (t.id, new.vintage, new.restricted, new.quantity_t)
        on conflict (account_id, vintage, restricted) do update set balance_t = balance.balance_t + excluded.balance_t;
    end if;
    perform set_config('carbon.posting', 'off', true);
    return new;
end $$;
