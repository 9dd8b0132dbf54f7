-- The rulebook versions a service received on carbon.rulebooks.v1 (allocation-service stores its own in
-- rulebook_version and leaves this table empty). A version is kept for ever: a figure names the version it used.
create table rulebook_received (
    rulebook_id     text        not null,
    compliance_year int         not null,
    version         int         not null check (version >= 1),
    cycle           text        not null,
    sector          text        not null,
    document        jsonb       not null,
    published_by    text        not null,
    published_at    timestamptz not null,
    received_at     timestamptz not null default now(),
    primary key (rulebook_id, compliance_year, version)
);
