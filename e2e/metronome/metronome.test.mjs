// The operator's back office, as the official, unmodified @metronome/sdk drives Tally: send usage,
// list a customer's invoices with every filter, page through them with for-await, retrieve one,
// and meet the SDK's typed errors. Tally runs for real (./tally serve, embedded PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Metronome, {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
} from '@metronome/sdk';
import { startTally } from '../lib/tally.mjs';

const USD_CENTS = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let tally;
let client;
let periods; // acme's fifteen periods, oldest first: [{start, end}] as RFC 3339 text

/**
 * A billing anchor 14 months before a day at least two days ago (day of month 28 at most, so no
 * month is short for it): acme then has 14 ended periods and a current one that began at least two
 * days ago, so usage from the last two days lands on the draft and no billing run races it.
 */
function anchorAndPeriods(now) {
  const base = new Date(Math.floor((now - 2 * DAY) / HOUR) * HOUR);
  if (base.getUTCDate() > 28) base.setUTCDate(28);
  const at = (months) =>
    new Date(
      Date.UTC(
        base.getUTCFullYear(),
        base.getUTCMonth() + months,
        base.getUTCDate(),
        base.getUTCHours(),
      ),
    )
      .toISOString()
      .replace('.000Z', 'Z');
  const list = [];
  for (let n = -14; n <= 0; n++) list.push({ start: at(n), end: at(n + 1) });
  return { anchor: at(-14), periods: list };
}

const months = (invoices) => invoices.map((invoice) => invoice.start_timestamp);

async function all(params) {
  const invoices = [];
  for await (const invoice of client.v1.customers.invoices.list(params)) invoices.push(invoice);
  return invoices;
}

before(async () => {
  tally = await startTally();
  client = new Metronome({ bearerToken: tally.operatorToken, baseURL: tally.baseUrl });
  const now = Date.now();
  const seed = anchorAndPeriods(now);
  periods = seed.periods;
  await tally.admin('POST', '/meters', {
    id: 'api-requests',
    name: 'API requests',
    event_type: 'api.request',
    aggregation: 'sum',
    value_property: 'requests',
    dimensions: ['endpoint'],
  });
  await tally.admin('POST', '/meters', {
    id: 'builds',
    name: 'Builds',
    event_type: 'build',
    aggregation: 'count',
  });
  await tally.admin('POST', '/plans', {
    id: 'pro',
    name: 'Pro',
    currency: 'USD',
    recurring_fee: 5000,
    prices: [
      { meter_id: 'api-requests', model: 'per_unit', unit_price: '0.05' },
      { meter_id: 'builds', model: 'graduated', tiers: [{ up_to: 10, unit_price: 0 }, { unit_price: 25 }] },
    ],
  });
  await tally.admin('POST', '/accounts', {
    id: 'acme',
    name: 'Acme',
    currency: 'USD',
    billing_anchor: seed.anchor,
    tax_percent: 10,
    contract_id: 'contract-acme',
  });
  await tally.admin('POST', '/accounts/acme/subscriptions', { plan_id: 'pro' });
  await tally.admin('POST', '/accounts', { id: 'globex', name: 'Globex', currency: 'EUR' });
  await tally.admin('POST', '/accounts/acme/teams', { id: 'acme-team', name: 'Acme team' });
  // every ended period final now (the server's own billing run may also get there first)
  await tally.admin('POST', '/billing-runs', {});
}, { timeout: 300_000 });

after(async () => {
  await tally?.stop();
});

describe('v1.usage.ingest', () => {
  test('sends usage that shows on the draft at once, idempotently', async () => {
    const usage = [
      {
        transaction_id: 'sdk-1',
        customer_id: 'acme',
        event_type: 'api.request',
        timestamp: new Date(Date.now() - DAY).toISOString(),
        properties: { endpoint: '/v1/search', requests: 16_000 },
      },
      {
        transaction_id: 'sdk-2',
        customer_id: 'acme',
        event_type: 'api.request',
        timestamp: new Date(Date.now() - HOUR).toISOString(),
        properties: { endpoint: '/v1/users', requests: 4_000 },
      },
    ];
    // the SDK types the answer as void; Tally says what it stored
    assert.deepEqual(await client.v1.usage.ingest({ usage }), { accepted: 2, duplicates: 0 });
    assert.deepEqual(await client.v1.usage.ingest({ usage }), { accepted: 0, duplicates: 2 });
    const [draft] = (await client.v1.customers.invoices.list({ customer_id: 'acme', status: 'DRAFT' })).data;
    const requests = draft.line_items.filter((line) => line.name === 'API requests');
    assert.deepEqual(
      requests.map((line) => [line.group_key, line.group_value, line.quantity, line.total]),
      [
        ['endpoint', '/v1/search', 16_000, 800],
        ['endpoint', '/v1/users', 4_000, 200],
      ],
    );
  });

  test('a bad event is a BadRequestError and stores nothing', async () => {
    await assert.rejects(
      client.v1.usage.ingest({
        usage: [
          { transaction_id: 'sdk-bad', customer_id: 'acme', event_type: 'api.request', timestamp: 'yesterday' },
        ],
      }),
      (error) =>
        error instanceof BadRequestError &&
        error.status === 400 &&
        error.error.errors.some((problem) => problem.field === '[0].timestamp'),
    );
  });
});

describe('v1.customers.invoices.list', () => {
  test('lists every invoice, oldest period first, the draft last, on one page', async () => {
    const page = await client.v1.customers.invoices.list({ customer_id: 'acme' });
    assert.deepEqual(months(page.data), periods.map((period) => period.start));
    assert.equal(page.hasNextPage(), false);
    assert.equal(page.data.at(-1).status, 'DRAFT');
    assert.ok(page.data.slice(0, 14).every((invoice) => invoice.status === 'FINALIZED'));
    for (const invoice of page.data) {
      assert.equal(invoice.customer_id, 'acme');
      assert.equal(invoice.type, 'USAGE');
      assert.deepEqual(invoice.credit_type, { id: USD_CENTS, name: 'USD (cents)' });
      assert.equal(invoice.contract_id, 'contract-acme');
      assert.equal(invoice.net_payment_terms_days, 30);
      assert.deepEqual(invoice.invoice_adjustments, []);
      assert.equal(invoice.external_invoice, null);
      const sum = invoice.line_items.reduce((total, line) => total + line.total, 0);
      assert.equal(sum, invoice.total, 'the line items sum to the total');
    }
    const issued = page.data.slice(0, 14);
    assert.ok(issued.every((invoice) => invoice.issued_at && invoice.due_at));
    assert.equal(page.data.at(-1).issued_at, undefined);
  });

  test('for await pages through every invoice once, in both orders', async () => {
    const ascending = await all({ customer_id: 'acme', limit: 4 });
    assert.deepEqual(months(ascending), periods.map((period) => period.start));
    assert.equal(new Set(ascending.map((invoice) => invoice.id)).size, 15);
    const descending = await all({ customer_id: 'acme', limit: 1, sort: 'date_desc' });
    assert.deepEqual(descending.map((invoice) => invoice.id), ascending.map((invoice) => invoice.id).reverse());
    const pages = [];
    const first = await client.v1.customers.invoices.list({ customer_id: 'acme', limit: 6 });
    for await (const page of first.iterPages()) {
      pages.push(page.data.length);
    }
    assert.deepEqual(pages, [6, 6, 3]);
  });

  test('filters by status', async () => {
    assert.equal((await all({ customer_id: 'acme', status: 'DRAFT' })).length, 1);
    assert.equal((await all({ customer_id: 'acme', status: 'FINALIZED', limit: 5 })).length, 14);
    assert.deepEqual(await all({ customer_id: 'acme', status: 'VOID' }), []);
  });

  test('filters by type: every Tally invoice is a USAGE invoice', async () => {
    assert.equal((await all({ customer_id: 'acme', type: 'USAGE' })).length, 15);
    assert.deepEqual(await all({ customer_id: 'acme', type: 'SCHEDULED' }), []);
    assert.deepEqual(await all({ customer_id: 'acme', type: 'USAGE_CONSOLIDATED' }), []);
  });

  test('filters by credit type and contract', async () => {
    assert.equal((await all({ customer_id: 'acme', credit_type_id: USD_CENTS })).length, 15);
    assert.deepEqual(await all({ customer_id: 'acme', credit_type_id: 'EUR' }), []);
    assert.equal((await all({ customer_id: 'acme', contract_id: 'contract-acme' })).length, 15);
    assert.deepEqual(await all({ customer_id: 'acme', contract_id: 'another-contract' }), []);
  });

  test('filters by billing period: starting_on inclusive, ending_before exclusive', async () => {
    const from = periods[5].start;
    const to = periods[9].end; // periods 5..9 lie in [from, to); period 9 ends exactly at `to`
    assert.deepEqual(months(await all({ customer_id: 'acme', starting_on: from })), months(periods.slice(5).map(asInvoice)));
    assert.deepEqual(months(await all({ customer_id: 'acme', ending_before: to })), months(periods.slice(0, 10).map(asInvoice)));
    const range = await all({ customer_id: 'acme', starting_on: from, ending_before: to, limit: 2, sort: 'date_desc' });
    assert.deepEqual(months(range), periods.slice(5, 10).map((period) => period.start).reverse());
  });

  test('skip_zero_qty_line_items leaves out the lines without usage', async () => {
    const [full] = await all({ customer_id: 'acme', status: 'DRAFT' });
    const [skipped] = await all({ customer_id: 'acme', status: 'DRAFT', skip_zero_qty_line_items: true });
    assert.ok(full.line_items.some((line) => line.quantity === 0));
    assert.ok(skipped.line_items.every((line) => line.quantity !== 0));
    assert.equal(skipped.total, full.total);
  });

  test('a customer without invoices yet lists its current draft', async () => {
    const invoices = await all({ customer_id: 'globex' });
    assert.equal(invoices.length, 1);
    assert.equal(invoices[0].credit_type.name, 'EUR (cents)');
    assert.equal(invoices[0].contract_id, undefined);
  });
});

describe('v1.customers.invoices.retrieve', () => {
  test('retrieves the invoice the list shows, with its line items', async () => {
    const listed = await all({ customer_id: 'acme', sort: 'date_desc', limit: 3 });
    for (const invoice of listed.slice(0, 3)) {
      const { data } = await client.v1.customers.invoices.retrieve({ customer_id: 'acme', invoice_id: invoice.id });
      assert.deepEqual(data, invoice);
    }
    const draft = listed[0];
    const { data } = await client.v1.customers.invoices.retrieve({
      customer_id: 'acme',
      invoice_id: draft.id,
      skip_zero_qty_line_items: true,
    });
    assert.ok(data.line_items.length < draft.line_items.length);
    assert.deepEqual(
      data.line_items.map((line) => line.type),
      ['subscription', 'usage', 'usage', 'tax'],
    );
  });

  test('the totals are those of the admin API and the Northflank routes', async () => {
    const { token } = await tally.admin('POST', '/tokens', { kind: 'account', account_id: 'acme' });
    for (const invoice of await all({ customer_id: 'acme', limit: 100 })) {
      const admin = await tally.admin('GET', `/invoices/${invoice.id}`);
      assert.equal(invoice.total, admin.total);
      assert.equal(invoice.subtotal, admin.subtotal);
      const response = await fetch(`${tally.baseUrl}/v1/billing/invoices/${invoice.id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      const { data: northflank } = await response.json();
      assert.equal(invoice.total, northflank.total);
      assert.equal(invoice.subtotal, northflank.subTotal);
    }
  });
});

describe('typed errors', () => {
  test('a bad token is an AuthenticationError', async () => {
    const stranger = new Metronome({ bearerToken: 'not-a-token', baseURL: tally.baseUrl });
    await assert.rejects(stranger.v1.customers.invoices.list({ customer_id: 'acme' }), AuthenticationError);
    await assert.rejects(
      stranger.v1.usage.ingest({ usage: [] }),
      (error) => error instanceof AuthenticationError && error.status === 401 && typeof error.error.message === 'string',
    );
  });

  test('an account or team token is a PermissionDeniedError', async () => {
    for (const [kind, id] of [['account', 'acme'], ['team', 'acme-team']]) {
      const { token } = await tally.admin('POST', '/tokens', { kind, [`${kind}_id`]: id });
      const customer = new Metronome({ bearerToken: token, baseURL: tally.baseUrl });
      await assert.rejects(customer.v1.customers.invoices.list({ customer_id: 'acme' }), PermissionDeniedError);
    }
  });

  test('an unknown customer or invoice, or another customer\'s invoice, is a NotFoundError', async () => {
    const [globexDraft] = await all({ customer_id: 'globex' });
    const notFound = (error) => error instanceof NotFoundError && error.status === 404 && typeof error.error.message === 'string';
    await assert.rejects(client.v1.customers.invoices.list({ customer_id: 'nobody' }), notFound);
    await assert.rejects(client.v1.customers.invoices.retrieve({ customer_id: 'acme', invoice_id: 'inv_none' }), notFound);
    await assert.rejects(client.v1.customers.invoices.retrieve({ customer_id: 'acme', invoice_id: globexDraft.id }), notFound);
  });

  test('bad queries are BadRequestErrors', async () => {
    const page = await client.v1.customers.invoices.list({ customer_id: 'acme', limit: 2 });
    for (const params of [
      { limit: 0 },
      { limit: 101 },
      { status: 'PAID' },
      { type: 'INVOICE' },
      { sort: 'newest' },
      { starting_on: '2025-01-01' },
      { ending_before: 'tomorrow' },
      { starting_on: periods[3].start, ending_before: periods[1].start },
      { next_page: 'not-a-cursor' },
      { next_page: page.next_page, status: 'FINALIZED', limit: 2 },
    ]) {
      await assert.rejects(
        client.v1.customers.invoices.list({ customer_id: 'acme', ...params }),
        (error) => error instanceof BadRequestError && typeof error.error.message === 'string',
        JSON.stringify(params),
      );
    }
  });
});

function asInvoice(period) {
  return { start_timestamp: period.start };
}
