-- Each billing period's usage per meter and group of dimension values: the sum of the period's
-- hourly buckets, kept by ingest in the same transaction as the buckets. An invoice whose plan
-- covers its whole period is priced from these rows (resources × meters) instead of from every
-- hour of the period; a plan that starts or ends inside the period still reads the hourly buckets.
create table usage_period (
  account_id   text not null,
  period_start timestamptz not null,
  meter_id     text not null,
  dim_key      text not null,
  period_end   timestamptz not null,
  dims         jsonb not null,
  total        numeric not null,
  event_count  bigint not null,
  max_value    numeric not null,
  primary key (account_id, period_start, meter_id, dim_key)
);

-- Ingest creates the invoice of every period it writes a bucket in (in the same transaction), so
-- the periods of the buckets written so far are those of the invoices.
insert into usage_period (account_id, period_start, meter_id, dim_key, period_end, dims, total,
                          event_count, max_value)
select b.account_id, p.period_start, b.meter_id, b.dim_key, p.period_end,
       cast(min(cast(b.dims as text)) as jsonb), sum(b.total), sum(b.event_count), max(b.max_value)
from usage_bucket b
join (select distinct account_id, period_start, period_end from invoice) p
  on p.account_id = b.account_id and b.hour >= p.period_start and b.hour < p.period_end
group by b.account_id, p.period_start, b.meter_id, b.dim_key, p.period_end;
