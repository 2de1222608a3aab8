-- Invoice lifecycle: numbers, void and regenerate, payment status.
-- A period may now have several invoices, of which at most one is not void.
alter table invoice drop constraint invoice_account_id_period_start_key;
create unique index invoice_live_period on invoice (account_id, period_start)
  where status <> 'VOID';
create index invoice_account_period on invoice (account_id, period_start);

alter table invoice
  add column number              text unique,
  add column replaces_invoice_id text references invoice (id),
  add column void_reason         text,
  add column voided_at           timestamptz,
  add column payment_provider    text,
  add column payment_status      text,
  add column payment_external_id text,
  add column payment_reported_at timestamptz;

-- The last invoice number given per account; its row lock orders concurrent finalizations.
create table invoice_number (
  account_id text primary key references account (id),
  last_value bigint not null
);
