-- The service runs as a runtime role, the migrations as the database's owner (DESIGN.md, "Audit trail"). The runtime
-- role may read and write every table except the migrations' history, but only read and insert the append-only
-- ones (${append_only_tables}): a service that is taken over cannot rewrite or delete its audit trail or ledger.
-- Runs at every start (${flyway:timestamp}) so that the tables of later migrations are covered as they appear.
do $$
declare
    runtime text := '${runtime_role}';
    t       text;
begin
    if runtime = '' or runtime = current_user then
        raise warning 'no runtime role apart from the owner %: the append-only tables are not protected', current_user;
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = runtime) then
        raise exception 'the runtime role % does not exist', runtime;
    end if;
    execute format('grant usage on schema public to %I', runtime);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('revoke all on table flyway_schema_history from %I', runtime);
    foreach t in array string_to_array('${append_only_tables}', ',') loop
        execute format('revoke update, delete, truncate on table %I from %I', trim(t), runtime);
    end loop;
end $$;
