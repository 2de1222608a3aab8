-- A stamp per invoice, drawn from one sequence when the invoice is inserted and again on every
-- update of it (status, payment, anything). The sum of an account's stamps is the invoices' part of
-- its draft version (PostgresInvoiceStore.draftVersionColumns) in place of a string of every
-- invoice's id and state: a committed insert adds a positive stamp and a committed update replaces
-- a stamp with a greater one (a sequence with cache 1 only grows, across sessions too), so the sum
-- grows with every change and never comes back to a value it had; invoices are never deleted. No
-- row lock is taken for it, unlike a per-account counter, which the ingest path's drafts and a
-- billing run would take in opposite orders. The index includes the stamp so that the sum is read
-- from the index alone where the table's pages are all-visible (docs/performance.md).
create sequence invoice_stamp cache 1;

alter table invoice add column stamp bigint not null default nextval('invoice_stamp');

create function invoice_restamp() returns trigger language plpgsql as $$
begin
  new.stamp := nextval('invoice_stamp');
  return new;
end $$;

create trigger invoice_restamp before update on invoice
  for each row execute function invoice_restamp();

create index invoice_account_period_stamp on invoice (account_id, period_start) include (stamp);
drop index invoice_account_period;
