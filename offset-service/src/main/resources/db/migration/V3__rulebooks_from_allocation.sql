-- The offset settings now come from the rulebooks allocation-service publishes (platform table rulebook_received);
-- this service's own copy is gone.
drop table offset_rulebook;
