-- pgbench: the SQL the service runs for one POST /surrenders of one line (1 t of vintage 2021 for 2021), in the same
-- order, as prepared statements (-M prepared), followed by the platform's audit-trail append (its own transaction).
-- Variables: n (entities), spread (1: any entity, 0: always the first = one hot account), surrender_id, payload,
-- response. bench_entity maps an index to the entity (one extra primary-key lookup the service does not make).
\set i random(0, :n - 1) * :spread
\set k random(1, 9000000000000000000)
BEGIN;
SELECT uscc, holding_id FROM bench_entity WHERE i = :i \gset
SELECT uscc, name, province_code, status, updated_at FROM entity_directory WHERE uscc = :uscc;
INSERT INTO idempotent_command (caller, key, request_hash, status) VALUES ('entity.' || :uscc, 'k' || :k, md5('k' || :k), 0) ON CONFLICT DO NOTHING;
SELECT id FROM account WHERE id IN (:holding_id) ORDER BY id FOR UPDATE;
SELECT id, fingerprint, kind, uscc, counterparty_uscc, compliance_year, quantity_t, obligation_added_t, posted_at FROM ledger_transaction WHERE reference = 'surrender:' || :k;
SELECT obligation_t, exempt, obligation_added_t, surrendered_t, borrowed_t, borrowed_used_t, offset_t, shortfall_t, completed_at FROM compliance_record WHERE uscc = :uscc AND compliance_year = 2021 FOR UPDATE;
SELECT court_document FROM account_freeze WHERE account_id = :holding_id AND status IN ('ACTIVE', 'RELEASE_PENDING') ORDER BY approved_at;
SELECT court_document FROM account_freeze WHERE account_id = :holding_id AND status IN ('ACTIVE', 'RELEASE_PENDING') ORDER BY approved_at;
SELECT balance_t FROM balance WHERE account_id = :holding_id AND vintage = '2021' AND restricted = false;
SELECT balance_t FROM balance WHERE account_id = :holding_id AND vintage = '2021' AND restricted = false;
INSERT INTO ledger_transaction (reference, fingerprint, kind, uscc, counterparty_uscc, compliance_year, quantity_t, obligation_added_t, rulebook_id, rulebook_version, posted_at, posted_by, event_id) VALUES ('surrender:' || :k, 'SURRENDER|' || :uscc || '|2021|2021=1', 'SURRENDER', :uscc, NULL, 2021, NULL, 0, 'CN-ETS-2021-2022-power', 1, now(), 'entity.' || :uscc, gen_random_uuid()) RETURNING id \gset tx_
INSERT INTO ledger_line (transaction_id, line_no, from_account_id, to_account_id, vintage, quantity_t, restricted) VALUES (:tx_id, 1, :holding_id, :surrender_id, '2021', 1, false);
SELECT b.vintage, a.kind, b.balance_t, b.restricted FROM balance b JOIN account a ON a.id = b.account_id WHERE a.uscc = :uscc ORDER BY b.vintage;
SELECT province_code FROM entity_directory WHERE uscc = :uscc;
INSERT INTO outbox_event (id, topic, message_key, payload) VALUES (gen_random_uuid(), 'bench.ledger', :uscc, CAST(:payload AS jsonb));
SELECT r.certificate_id, r.province_code, e.name FROM compliance_record r JOIN entity_directory e ON e.uscc = r.uscc WHERE r.uscc = :uscc AND r.compliance_year = 2021;
UPDATE compliance_record SET surrendered_t = surrendered_t + 1, updated_at = now() WHERE uscc = :uscc AND compliance_year = 2021;
INSERT INTO compliance_history (uscc, compliance_year, at, obligation_t, obligation_added_t, exempt, remaining_t, shortfall_t, completed_at, cause) VALUES (:uscc, 2021, now(), 1000000000, 0, false, 999999999, 0, NULL, 'SURRENDER');
INSERT INTO outbox_event (id, topic, message_key, payload) VALUES (gen_random_uuid(), 'bench.compliance', :uscc, CAST(:payload AS jsonb));
UPDATE idempotent_command SET status = 201, response = :response WHERE caller = 'entity.' || :uscc AND key = 'k' || :k;
COMMIT;
BEGIN;
LOCK TABLE audit_entry IN SHARE ROW EXCLUSIVE MODE;
SELECT seq, entry_hash FROM audit_entry ORDER BY seq DESC LIMIT 1 \gset a_
INSERT INTO audit_entry (seq, recorded_at, actor, roles, scope, request_id, method, path, status, detail, prev_hash, entry_hash) VALUES (:a_seq + 1, now(), 'entity.' || :uscc, 'entity', 'entity_id=' || :uscc, md5(random()::text), 'POST', '/api/surrender/surrenders', 201, 'Idempotency-Key=k' || :k, :a_entry_hash, encode(sha256(convert_to(:a_entry_hash || :k, 'UTF8')), 'hex'));
COMMIT;
