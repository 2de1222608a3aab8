-- Usage accepted but not yet added to the hourly buckets and period totals. Each ingest group
-- writes one row per account and billing period it touched, with that group's contributions
-- (one line per meter, hour and group of dimension values; PendingUsage writes and reads them);
-- a folder moves them into usage_bucket and usage_period, many groups at a time, in one
-- transaction that deletes the rows it added. Reads add the rows still here to what they read
-- from the buckets and period totals, in the same statement (docs/performance.md).
create table usage_pending (
  account_id    text not null,
  period_start  timestamptz not null,
  period_end    timestamptz not null,
  event_count   bigint not null,
  contributions text not null
);
create index usage_pending_account on usage_pending (account_id, period_start);
