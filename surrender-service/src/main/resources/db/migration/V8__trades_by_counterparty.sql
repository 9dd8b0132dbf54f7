-- An entity's carry-over cap counts what it bought: the settlements naming it as counterparty, found through this
-- index rather than by reading every ledger transaction.
create index ledger_transaction_counterparty on ledger_transaction (counterparty_uscc) where counterparty_uscc is not null;
