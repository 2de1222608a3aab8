-- A revision per account, raised by every change to what an account's drafts are drawn from
-- other than its usage and its invoices: the account itself, its tree, subscriptions, discounts
-- and credit grants. With the running event count of the account's usage and the states of its
-- invoices it makes the version of a draft's inputs (PostgresInvoiceStore.draftVersion), so any
-- Tally node can tell whether a draft it drew earlier is still current. These tables change
-- through the admin API only, so the triggers cost nothing on the ingest path.
create table account_revision (
  account_id text primary key,
  revision   bigint not null
);

create function raise_account_revision(account text) returns void language sql as $$
  insert into account_revision (account_id, revision) values (account, 1)
  on conflict (account_id) do update set revision = account_revision.revision + 1
$$;

create function account_revision_of_account() returns trigger language plpgsql as $$
begin
  perform raise_account_revision(new.id);
  return null;
end $$;

create function account_revision_of_owned() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform raise_account_revision(old.account_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform raise_account_revision(new.account_id);
  end if;
  return null;
end $$;

create function account_revision_of_project() returns trigger language plpgsql as $$
begin
  perform raise_account_revision(t.account_id) from team t where t.id = new.team_id;
  return null;
end $$;

create function account_revision_of_resource() returns trigger language plpgsql as $$
begin
  perform raise_account_revision(t.account_id)
    from project p join team t on t.id = p.team_id where p.id = new.project_id;
  return null;
end $$;

create trigger account_revision after insert or update on account
  for each row execute function account_revision_of_account();
create trigger account_revision after insert or update or delete on team
  for each row execute function account_revision_of_owned();
create trigger account_revision after insert or update on project
  for each row execute function account_revision_of_project();
create trigger account_revision after insert or update on resource
  for each row execute function account_revision_of_resource();
create trigger account_revision after insert or update or delete on cluster
  for each row execute function account_revision_of_owned();
create trigger account_revision after insert or update or delete on subscription
  for each row execute function account_revision_of_owned();
create trigger account_revision after insert or update or delete on discount
  for each row execute function account_revision_of_owned();
create trigger account_revision after insert or update or delete on credit_grant
  for each row execute function account_revision_of_owned();
