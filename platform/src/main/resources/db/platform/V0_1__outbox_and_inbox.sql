-- Shared by every service's database (Flyway location db/platform, versions below the services' own).

-- Events written in the same transaction as the change they describe; the relay publishes and marks them.
create table outbox_event (
    seq         bigserial primary key,
    id          uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;

-- Event ids a consumer has applied, written in the same transaction as the effect.
create table inbox_applied_event (
    consumer   text        not null,
    event_id   uuid        not null,
    topic      text        not null,
    event_type text        not null,
    applied_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Answers to commands, by idempotency key: a repeat with the same key and body gets the first answer.
create table idempotent_command (
    caller       text        not null,
    key          text        not null,
    request_hash text        not null,
    status       int         not null,
    response     text,
    created_at   timestamptz not null default now(),
    primary key (caller, key)
);
