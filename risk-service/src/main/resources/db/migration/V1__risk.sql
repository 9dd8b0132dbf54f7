-- risk-service: its own copy of the inputs (as the other services announced them), the exchange's weekly
-- net-purchase feeds with their history, the risk index with its factors, alerts and the recomputation queue.

-- Entities as carbon.entities.v1 announced them (scoping by province, special status).
create table entity_directory (
    uscc          varchar(18) primary key,
    name          text        not null,
    province_code char(6)     not null,
    status        text        not null,
    updated_at    timestamptz not null default now()
);
create index entity_directory_province on entity_directory (province_code);

-- carbon.obligations.v1: the obligation of each entity and compliance year (a later event replaces it).
create table obligation (
    uscc             varchar(18) not null,
    compliance_year  int         not null,
    cycle            text        not null,
    province_code    char(6),
    obligation_t     bigint      not null check (obligation_t >= 0),
    exempt           boolean     not null default false,
    entity_status    text,
    rulebook_id      text,
    rulebook_version int,
    updated_at       timestamptz not null default now(),
    primary key (uscc, compliance_year)
);

-- carbon.ledger.v1 (holdingsAfter): the entity's latest balance per vintage, free, restricted (borrowed) and custody.
create table holding_balance (
    uscc           varchar(18) not null,
    vintage        text        not null,
    free_t         bigint      not null,
    restricted_t   bigint      not null,
    custody_t      bigint      not null,
    transaction_id text,
    updated_at     timestamptz not null default now(),
    primary key (uscc, vintage)
);

-- carbon.compliance.v1: the ledger's compliance record per entity and year (also earlier cycles: past shortfalls).
create table compliance_record (
    uscc            varchar(18) not null,
    compliance_year int         not null,
    cycle           text,
    obligation_t    bigint      not null,
    surrendered_t   bigint      not null,
    offset_t        bigint      not null,
    borrowed_used_t bigint      not null,
    remaining_t     bigint      not null,
    shortfall_t     bigint      not null,
    status          text        not null,
    completed_at    timestamptz,
    updated_at      timestamptz not null default now(),
    primary key (uscc, compliance_year)
);

-- carbon.offsets.v1: confirmed offsets; those the ledger has not yet credited count as pending against the gap.
create table offset_confirmation (
    application_id  text primary key,
    uscc            varchar(18) not null,
    compliance_year int         not null,
    quantity_t      bigint      not null check (quantity_t >= 0),
    confirmed_at    timestamptz not null default now()
);
create index offset_confirmation_entity on offset_confirmation (uscc, compliance_year);

-- ---------------------------------------------------------------------------------------------------------------
-- The exchange's weekly net-purchase feeds. Every accepted feed keeps its rows forever (history); each week points
-- at the feed that currently holds it, and every replacement is a new version of the week.
create table net_purchase_feed (
    feed_id         text primary key,
    source          text        not null check (source in ('API', 'KAFKA')),
    received_by     text        not null,
    received_at     timestamptz not null default now(),
    row_count       int         not null,
    status          text        not null check (status in ('ACCEPTED', 'REJECTED')),
    content_sha256  text,
    idempotency_key text,
    error_count     int         not null default 0,
    errors          jsonb,
    response        jsonb,
    unique (received_by, idempotency_key)
);

create table net_purchase_row (
    feed_id    text        not null references net_purchase_feed (feed_id),
    row_no     int         not null,
    uscc       varchar(18) not null,
    week_start date        not null,
    week_end   date        not null,
    bought_t   bigint      not null check (bought_t >= 0),
    sold_t     bigint      not null check (sold_t >= 0),
    primary key (feed_id, row_no),
    check (week_end >= week_start)
);
create index net_purchase_row_week on net_purchase_row (feed_id, week_start);
create index net_purchase_row_entity on net_purchase_row (uscc, week_start);

-- The current holder of each week; weeks never overlap (also checked by the feed before it gets here).
create table net_purchase_week (
    week_start date        primary key,
    week_end   date        not null,
    feed_id    text        not null references net_purchase_feed (feed_id),
    version    int         not null,
    updated_at timestamptz not null default now(),
    check (week_end >= week_start),
    exclude using gist (daterange(week_start, week_end, '[]') with &&)
);

create table net_purchase_week_version (
    week_start       date        not null,
    week_end         date        not null,
    version          int         not null,
    feed_id          text        not null references net_purchase_feed (feed_id),
    replaced_feed_id text references net_purchase_feed (feed_id),
    accepted_at      timestamptz not null default now(),
    primary key (week_start, version)
);

-- The current rows of every week.
create view current_net_purchase as
select r.uscc, r.week_start, r.week_end, r.bought_t, r.sold_t, r.bought_t - r.sold_t as net_t, r.feed_id
from net_purchase_row r
join net_purchase_week w on w.feed_id = r.feed_id and w.week_start = r.week_start;

-- Feeds arriving as records on carbon.exchange.net-purchases.v1: rows wait here until the feed is complete.
create table net_purchase_assembly (
    feed_id   text primary key,
    row_count int         not null,
    received  int         not null default 0,
    first_at  timestamptz not null default now()
);
create table net_purchase_staged (
    feed_id    text        not null,
    seq        bigserial,
    uscc       text,
    week_start date,
    week_end   date,
    bought_t   bigint,
    sold_t     bigint,
    primary key (feed_id, seq)
);

-- ---------------------------------------------------------------------------------------------------------------
-- The risk index: every distinct value with its factors (history), and the latest per entity and year.
create table risk_value (
    id               bigserial primary key,
    uscc             varchar(18) not null,
    province_code    char(6),
    cycle            text        not null,
    compliance_year  int         not null,
    risk_index       int         not null check (risk_index between 0 and 100),
    level            text        not null check (level in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    as_of            date        not null,
    computed_at      timestamptz not null default now(),
    trigger          text        not null,
    gap_t            bigint      not null,
    cycle_gap_t      bigint      not null,
    factors          jsonb       not null,
    override         text,
    rulebook_id      text        not null,
    rulebook_version int         not null
);
create index risk_value_entity on risk_value (uscc, compliance_year, id desc);

create table risk_state (
    uscc            varchar(18) not null,
    compliance_year int         not null,
    cycle           text        not null,
    province_code   char(6),
    risk_index      int         not null,
    level           text        not null,
    gap_t           bigint      not null,
    cycle_gap_t     bigint      not null,
    as_of           date        not null,
    computed_at     timestamptz not null,
    value_id        bigint      not null references risk_value (id),
    primary key (uscc, compliance_year)
);
create index risk_state_province on risk_state (province_code);

create table risk_alert (
    alert_id        uuid primary key,
    uscc            varchar(18) not null,
    province_code   char(6),
    cycle           text        not null,
    compliance_year int         not null,
    risk_index      int         not null,
    level           text        not null,
    previous_level  text        not null,
    factors         jsonb       not null,
    raised_at       timestamptz not null default now(),
    value_id        bigint      not null references risk_value (id)
);
create index risk_alert_province on risk_alert (province_code, raised_at);
create index risk_alert_raised on risk_alert (raised_at);

-- Entities whose index must be recomputed (a feed touched them, or the schedule came round).
create table recompute_request (
    uscc         varchar(18) primary key,
    reason       text        not null,
    requested_at timestamptz not null default now()
);
