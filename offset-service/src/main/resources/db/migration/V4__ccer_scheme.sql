-- The scheme of a lot: old CCER (filed before 2017-03-14; every lot registered before this column existed) or new
-- CCER (registered under the 2023 Measures). For a new-CCER lot filed_on is the day it was registered (登记).
alter table ccer_lot add column scheme text not null default 'OLD_CCER' check (scheme in ('OLD_CCER', 'NEW_CCER'));
-- first-cycle leftovers are old CCER by definition
alter table ccer_lot add check (scheme = 'OLD_CCER' or not first_cycle_cancelled_unused);
