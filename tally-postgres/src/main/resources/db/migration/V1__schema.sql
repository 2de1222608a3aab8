-- Tally's schema. Money columns hold minor units (cents); times are timestamptz in UTC.

create table account (
  id                 text primary key,
  name               text not null,
  currency           text not null,
  billing_anchor     timestamptz not null,
  tax_percent        numeric not null default 0,
  payment_terms_days integer not null default 30,
  contract_id        text,
  created_at         timestamptz not null
);

create table team (
  id         text primary key,
  account_id text not null references account (id),
  name       text not null
);
create index team_account on team (account_id);

create table project (
  id      text primary key,
  team_id text not null references team (id),
  name    text not null
);
create index project_team on project (team_id);

create table resource (
  id         text primary key,
  project_id text not null references project (id),
  type       text not null,
  name       text not null
);
create index resource_project on resource (project_id);

create table cluster (
  id         text primary key,
  account_id text not null references account (id),
  name       text not null
);
create index cluster_account on cluster (account_id);

create table meter (
  id             text primary key,
  name           text not null,
  event_type     text not null,
  filters        jsonb not null,
  aggregation    text not null,
  value_property text,
  dimensions     jsonb not null,
  category       text not null,
  unit           text not null,
  created_at     timestamptz not null
);

create table plan (
  id            text primary key,
  name          text not null,
  currency      text not null,
  recurring_fee numeric not null,
  prices        jsonb not null,
  created_at    timestamptz not null
);

create table subscription (
  id         text primary key,
  account_id text not null references account (id),
  plan_id    text not null references plan (id),
  starts_at  timestamptz not null,
  ends_at    timestamptz,
  created_at timestamptz not null
);
create index subscription_account on subscription (account_id, starts_at);

create table api_token (
  id          text primary key,
  secret_hash bytea not null,
  name        text not null,
  kind        text not null,
  account_id  text references account (id),
  team_id     text references team (id),
  permissions jsonb not null,
  created_at  timestamptz not null,
  revoked_at  timestamptz
);

-- Raw events: the record of what was acknowledged, and the idempotency key per account.
create table usage_event (
  account_id     text not null,
  transaction_id text not null,
  event_type     text not null,
  ts             timestamptz not null,
  properties     jsonb not null,
  received_at    timestamptz not null,
  primary key (account_id, transaction_id)
);

-- Hourly aggregates per meter and group of dimension values; invoices are priced from these.
create table usage_bucket (
  account_id  text not null,
  meter_id    text not null,
  hour        timestamptz not null,
  dim_key     text not null,
  dims        jsonb not null,
  total       numeric not null,
  event_count bigint not null,
  max_value   numeric not null,
  primary key (account_id, meter_id, hour, dim_key)
);

-- Distinct values seen per hour, for unique-count meters.
create table usage_unique (
  account_id text not null,
  meter_id   text not null,
  hour       timestamptz not null,
  dim_key    text not null,
  dims       jsonb not null,
  value      text not null,
  primary key (account_id, meter_id, hour, dim_key, value)
);

create table invoice (
  id           text primary key,
  account_id   text not null references account (id),
  period_start timestamptz not null,
  period_end   timestamptz not null,
  status       text not null,
  currency     text not null,
  created_at   timestamptz not null,
  issued_at    timestamptz,
  due_at       timestamptz,
  paid_at      timestamptz,
  content      jsonb,
  unique (account_id, period_start)
);
create index invoice_drafts on invoice (period_end) where status = 'DRAFT';
