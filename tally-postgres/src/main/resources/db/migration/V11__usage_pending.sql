-- Usage accepted but not yet added to the hourly buckets and period totals. Each ingest group
-- writes one row per shard of accounts (PendingUsage.shard: the MD5 of the account id, first byte,
-- low five bits) with that group's usage of those accounts as text (PendingUsage writes and reads
-- it); a fold moves the rows into usage_bucket and usage_period, many groups at a time, in one
-- transaction that deletes the rows it adds and raises the epoch. Reads add the usage still
-- pending in the account's shard to what they read from the buckets and period totals, in the
-- same statement; a draft's version names the epoch and the shard's number of rows, which only
-- grows between folds (docs/performance.md).
create table usage_pending (
  id            bigint generated always as identity primary key,
  shard         integer not null,
  contributions text not null
) with (toast_tuple_target = 8160);
-- Kept in the row and uncompressed: a row is written once and read a few times.
alter table usage_pending alter column contributions set storage external;
create index usage_pending_shard on usage_pending (shard);

create table usage_fold (
  epoch bigint not null
);
insert into usage_fold (epoch) values (0);
