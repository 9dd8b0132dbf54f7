-- An entity's accounts by its USCC alone (its holdings after every posting, its statements): the unique key
-- (kind, uscc) leads with the kind, so without this each lookup read the whole account table (16 ms at 43,000
-- accounts, once per ledger posting).
create index account_entity on account (uscc);
