-- The period totals are updated by every batch that adds to any hour of the period, far more
-- often than a bucket; leave them the same free space as the buckets (V7) so that those updates
-- stay HOT (no new primary-key entry per update).
alter table usage_period set (fillfactor = 75);
