-- Raw events' properties are kept as written and never read back by Tally (pricing reads the
-- buckets and period totals), so they are stored as json (checked to be JSON, kept as text)
-- instead of jsonb, which PostgreSQL had to parse into its binary form for every ingested event.
-- Rewrites the table once.
alter table usage_event alter column properties type json using properties::json;
