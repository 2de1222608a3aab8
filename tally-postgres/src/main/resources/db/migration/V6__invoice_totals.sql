-- What a list of invoices shows, frozen as columns with the charges when an invoice is finalized,
-- so that a page of final invoices is one indexed query that reads no JSON. Amounts in minor units,
-- as in the content: subtotal, the discounts and credits applied (positive), the tax percent, tax
-- and total (= subtotal - discount_total - credit_total + tax). Null exactly while the content is.
alter table invoice
  add column subtotal       numeric,
  add column discount_total numeric,
  add column credit_total   numeric,
  add column tax_percent    numeric,
  add column tax            numeric,
  add column total          numeric;

-- Existing final and void invoices, exactly from their frozen content; charges frozen before
-- discounts and credits existed have none of them.
update invoice set
  subtotal = (content -> 'subtotal' ->> 'minor')::numeric,
  discount_total = coalesce(
    (select sum((d -> 'amount' ->> 'minor')::numeric)
       from jsonb_array_elements(
         case jsonb_typeof(content -> 'discounts') when 'array' then content -> 'discounts'
         else '[]'::jsonb end) as d), 0),
  credit_total = coalesce(
    (select sum((c -> 'amount' ->> 'minor')::numeric)
       from jsonb_array_elements(
         case jsonb_typeof(content -> 'credits') when 'array' then content -> 'credits'
         else '[]'::jsonb end) as c), 0),
  tax_percent = (content ->> 'taxPercent')::numeric,
  tax = (content -> 'tax' ->> 'minor')::numeric,
  total = (content -> 'total' ->> 'minor')::numeric
where content is not null;

alter table invoice add constraint invoice_totals_with_content check (
  (content is null) = (subtotal is null) and (content is null) = (discount_total is null)
  and (content is null) = (credit_total is null) and (content is null) = (tax_percent is null)
  and (content is null) = (tax is null) and (content is null) = (total is null));
