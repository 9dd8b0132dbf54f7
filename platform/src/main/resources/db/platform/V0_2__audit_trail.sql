-- Every state-changing command, appended and chained by hash: each entry holds the previous entry's hash, so that
-- changing or removing an entry breaks the chain from there on.
create table audit_entry (
    seq          bigint primary key,
    recorded_at  timestamptz not null,
    actor        text        not null,
    roles        text        not null,
    scope        text        not null,
    request_id   text,
    method       text        not null,
    path         text        not null,
    status       int         not null,
    detail       text,
    prev_hash    text        not null,
    entry_hash   text        not null
);
