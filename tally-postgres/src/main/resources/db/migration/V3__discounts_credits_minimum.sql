-- Discounts, credit grants with the ledger of what finalized invoices consumed, minimum spend.

alter table plan add column minimum_spend numeric not null default 0;

create table discount (
  id         text primary key,
  account_id text not null references account (id),
  name       text not null,
  percent    numeric,
  amount     numeric,
  meter_id   text references meter (id),
  starts_at  timestamptz not null,
  ends_at    timestamptz,
  created_at timestamptz not null,
  check ((percent is null) <> (amount is null))
);
create index discount_account on discount (account_id, starts_at);

create table credit_grant (
  id           text primary key,
  account_id   text not null references account (id),
  name         text not null,
  amount       numeric not null check (amount >= 0),
  effective_at timestamptz not null,
  expires_at   timestamptz not null,
  priority     integer not null,
  created_at   timestamptz not null
);
create index credit_grant_account on credit_grant (account_id);

-- Credit used per invoice and grant: written in the transaction that finalizes the invoice (one
-- row per pair, so it can never be consumed twice), deleted in the one that voids it.
create table credit_consumption (
  invoice_id text not null references invoice (id),
  grant_id   text not null references credit_grant (id),
  account_id text not null references account (id),
  amount     numeric not null check (amount > 0),
  primary key (invoice_id, grant_id)
);
create index credit_consumption_account on credit_consumption (account_id, grant_id);
