-- Late usage: finalized periods that took usage after they were finalized (--late-usage correct).
-- The account's next invoice to be issued bills them as correction lines; a row stays after its
-- correction is frozen (the difference is then 0 and no line is shown).
create table late_usage (
  account_id   text not null references account (id),
  period_start timestamptz not null,
  first_at     timestamptz not null,
  primary key (account_id, period_start)
);
