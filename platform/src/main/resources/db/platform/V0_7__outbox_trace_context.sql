-- The trace an outbox event belongs to (W3C traceparent of the command's span), published with the event as the Kafka
-- header `traceparent` so that every consumer continues the same trace. Null where no trace was recorded.
alter table outbox_event add column traceparent text;
