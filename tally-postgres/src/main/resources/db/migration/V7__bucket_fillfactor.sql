-- Leave a quarter of each new usage_bucket page free, so that adding usage to a bucket can be a
-- HOT update (the new row version on the same page, no new index entry). Ingest updates the
-- buckets of the current hour over and over; with full pages every update also inserted into the
-- primary key index. Existing pages are not rewritten; new ones (each new hour's) get the space.
alter table usage_bucket set (fillfactor = 75);
