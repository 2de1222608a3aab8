// End-to-end: the official, unmodified @northflank/js-client and @northflank/cli against a real
// Tally (./tally serve on a fresh embedded database), seeded through the admin API and ingest.
// What the clients show is compared with what Tally answers over plain HTTP.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { ApiClient, ApiClientInMemoryContextProvider } from '@northflank/js-client';
import { startTally } from '../lib/tally.mjs';
import { seedWorld } from './world.mjs';
import { cliUser } from './cli.mjs';

let tally;
let world;

before(async () => {
  tally = await startTally();
  world = await seedWorld(tally);
});

after(async () => {
  await tally?.stop();
});

/** GET with a token, as the clients send it; resolves to {status, body}. */
async function api(token, path) {
  const response = await fetch(`${tally.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  const text = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${path}: ${text}`);
  return { status: response.status, body: JSON.parse(text) };
}

/** Every invoice of the account by plain HTTP, following cursors. */
async function allInvoices(token, listPath = '/v1/billing/invoices') {
  const invoices = [];
  let cursor;
  do {
    const { status, body } = await api(token, `${listPath}?per_page=100${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(status, 200);
    invoices.push(...body.data.invoices);
    cursor = body.pagination.cursor;
  } while (cursor !== undefined);
  return invoices;
}

function client(token, options = {}) {
  const contexts = new ApiClientInMemoryContextProvider();
  contexts.addContext({ name: 't', token, host: tally.baseUrl });
  return new ApiClient(contexts, options);
}

function assertNorthflankError(error, status) {
  assert.ok(error, 'an error was expected');
  assert.equal(error.status, status, JSON.stringify(error));
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.equal(typeof error.id, 'string');
}

describe('@northflank/js-client 0.9.5', () => {
  test('lists invoices newest first, with per_page and page', async () => {
    const acme = client(world.tokens.acme);
    const all = await allInvoices(world.tokens.acme);
    assert.equal(all.length, 4);
    const starts = all.map((invoice) => invoice.period.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));

    const first = await acme.list.invoices({ options: { per_page: 3, page: 1 } });
    assert.equal(first.error, undefined);
    assert.deepEqual(first.data.invoices, all.slice(0, 3));
    assert.equal(first.pagination.hasNextPage, true);
    assert.equal(first.pagination.count, 3);
    assert.match(first.pagination.cursor, /^[A-Za-z0-9_-]+$/);

    const second = await acme.list.invoices({ options: { per_page: 3, page: 2 } });
    assert.deepEqual(second.data.invoices, all.slice(3));
    assert.equal(second.pagination.hasNextPage, false);
    assert.equal('cursor' in second.pagination, false);

    const plain = await acme.list.invoices();
    assert.deepEqual(plain.data.invoices, all);
    for (const invoice of plain.data.invoices) {
      assert.deepEqual(Object.keys(invoice), ['id', 'period', 'currency', 'total', 'subTotal', 'paid']);
      assert.equal(invoice.currency, 'usd');
      assert.equal(invoice.paid, false);
    }
  });

  test('follows cursors, by option and by getNextPage', async () => {
    const acme = client(world.tokens.acme);
    const all = await allInvoices(world.tokens.acme);
    const first = await acme.list.invoices({ options: { per_page: 1 } });
    const byOption = await acme.list.invoices({ options: { per_page: 1, cursor: first.pagination.cursor } });
    assert.deepEqual(byOption.data.invoices, [all[1]]);
    const byNextPage = await first.pagination.getNextPage();
    assert.deepEqual(byNextPage.data.invoices, [all[1]]);
    const walked = [...first.data.invoices];
    let page = first;
    while (page.pagination.cursor !== undefined) {
      page = await acme.list.invoices({ options: { per_page: 1, cursor: page.pagination.cursor } });
      walked.push(...page.data.invoices);
    }
    assert.deepEqual(walked, all);
  });

  test('.all() fetches every page of a long list once', async () => {
    const veteran = client(world.tokens.veteran);
    const expected = await allInvoices(world.tokens.veteran);
    assert.ok(expected.length >= 36, `veteran has ${expected.length} invoices`);
    const everything = await veteran.list.invoices.all({ options: { per_page: 5 } });
    assert.equal(everything.error, undefined);
    assert.deepEqual(everything.data.invoices, expected);
    assert.equal(new Set(everything.data.invoices.map((invoice) => invoice.id)).size, expected.length);
    const byDefault = await veteran.list.invoices.all();
    assert.deepEqual(byDefault.data.invoices, expected);
  });

  test('details without timestamp preview the current period', async () => {
    const acme = client(world.tokens.acme);
    const preview = await acme.get.invoice.details();
    assert.equal(preview.error, undefined);
    assert.deepEqual(preview.data, (await api(world.tokens.acme, '/v1/billing/invoices/details')).body.data);
    assert.equal('paid' in preview.data, false);
    assert.equal(preview.data.period.start, world.current.getTime() / 1000);
    assert.ok(preview.data.paasUsage.price.total > 0);
    assert.deepEqual(preview.data.paasUsage.teams.map((team) => team.id), ['data', 'platform']);
    assert.equal(preview.data.total, preview.data.subTotal - preview.data.discount + preview.data.tax.value);
    assert.equal(preview.data.tax.percent, 20);
  });

  test('details with timestamp show the invoice of that time and whether it is paid', async () => {
    const acme = client(world.tokens.acme);
    const timestamp = Math.floor(world.previous.getTime() / 1000) + 3600;
    const details = await acme.get.invoice.details({ options: { timestamp } });
    assert.equal(details.error, undefined);
    assert.equal(details.data.period.start, world.previous.getTime() / 1000);
    assert.equal(details.data.period.end, world.current.getTime() / 1000);
    assert.equal(details.data.paid, false);
    assert.ok(details.data.lineItems.some((line) => line.title === 'Priority support'));
    const list = await allInvoices(world.tokens.acme);
    const listed = list.find((invoice) => invoice.period.start === details.data.period.start);
    assert.equal(details.data.total, listed.total);
    assert.equal(details.data.subTotal, listed.subTotal);
  });

  test('the team routes show only the team\'s share', async () => {
    const platform = client(world.tokens.platform);
    const list = await platform.list.invoices({ parameters: { teamId: 'platform' } });
    assert.equal(list.error, undefined);
    assert.equal(list.data.invoices.length, 4);
    assert.deepEqual(list.data.invoices, await allInvoices(world.tokens.platform, '/v1/teams/platform/billing/invoices'));
    const all = await platform.list.invoices.all({ parameters: { teamId: 'platform' }, options: { per_page: 1 } });
    assert.deepEqual(all.data.invoices, list.data.invoices);
    const details = await platform.get.invoice.details({ parameters: { teamId: 'platform' } });
    assert.equal(details.error, undefined);
    assert.deepEqual(details.data.paasUsage.teams.map((team) => team.id), ['platform']);
    assert.deepEqual(details.data.lineItems, []);
    assert.equal(details.data.byocUsage.price.total, 0);
    assert.equal(details.data.subTotal, details.data.paasUsage.price.total);
    const current = list.data.invoices[0];
    assert.equal(current.subTotal, details.data.subTotal);
    assert.equal(current.total, details.data.total);
    // the account token reads the team routes too, and sees the same share
    const byAccount = await client(world.tokens.acme).get.invoice.details({ parameters: { teamId: 'platform' } });
    assert.deepEqual(byAccount.data, details.data);
  });

  test('get-invoice (no client method) answers the full tree over plain HTTP', async () => {
    const [invoice] = await allInvoices(world.tokens.acme);
    const { status, body } = await api(world.tokens.acme, `/v1/billing/invoices/${invoice.id}`);
    assert.equal(status, 200);
    assert.equal(body.data.id, invoice.id);
    assert.equal(body.data.total, invoice.total);
    const types = body.data.paasUsage.teams.flatMap((team) => team.projects.flatMap((project) => project.resourceTypes.map((type) => type.resourceType)));
    assert.deepEqual([...new Set(types)].sort(), ['addon', 'external-addon', 'job', 'llm-model-deployment', 'opentofu-job', 'service', 'volume']);
    const volumes = await api(world.tokens.acme, `/v1/billing/invoices/${invoice.id}?resourceType=volume`);
    assert.equal(volumes.body.data.subTotal, volumes.body.data.paasUsage.price.total);
    const team = await api(world.tokens.platform, `/v1/teams/platform/billing/invoices/${invoice.id}`);
    assert.deepEqual(team.body.data.paasUsage.teams.map((t) => t.id), ['platform']);
  });

  test('errors come back as Northflank errors', async () => {
    const bad = await client('tly_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB').list.invoices();
    assertNorthflankError(bad.error, 401);
    assertNorthflankError((await client(world.tokens.revoked).get.invoice.details()).error, 401);
    assertNorthflankError((await client(world.tokens.noPermission).list.invoices()).error, 403);
    const platform = client(world.tokens.platform);
    assertNorthflankError((await platform.list.invoices()).error, 403);
    assertNorthflankError((await platform.list.invoices({ parameters: { teamId: 'data' } })).error, 403);
    const acme = client(world.tokens.acme);
    assertNorthflankError((await acme.list.invoices({ parameters: { teamId: 'globex-team' } })).error, 404);
    assertNorthflankError((await acme.get.invoice.details({ parameters: { teamId: 'nope' } })).error, 404);
    const tooMany = await acme.list.invoices({ options: { per_page: 101 } });
    assertNorthflankError(tooMany.error, 400);
    assert.match(tooMany.error.message, /per_page/);
    assertNorthflankError((await acme.list.invoices({ options: { per_page: 'ten' } })).error, 400);
    assertNorthflankError((await acme.list.invoices({ options: { page: 0 } })).error, 400);
    const cursor = await acme.list.invoices({ options: { cursor: 'not-from-tally' } });
    assertNorthflankError(cursor.error, 400);
    assert.match(cursor.error.message, /cursor/);
    assertNorthflankError((await acme.get.invoice.details({ options: { timestamp: 'yesterday' } })).error, 400);
    const before = Math.floor(world.acmeAnchor.getTime() / 1000) - 1;
    assertNorthflankError((await acme.get.invoice.details({ options: { timestamp: before } })).error, 404);
    const throwing = client(world.tokens.noPermission, { throwErrorOnHttpErrorCode: true });
    await assert.rejects(throwing.list.invoices(), (error) => error.name === 'NorthflankApiCallError' && error.status === 403);
    const { status, body } = await api(world.tokens.acme, '/v1/billing/invoices/inv_unknown');
    assert.equal(status, 404);
    assert.deepEqual(Object.keys(body.error), ['status', 'message', 'id']);
    const typed = await api(world.tokens.acme, `/v1/billing/invoices/${(await allInvoices(world.tokens.acme))[0].id}?resourceType=database`);
    assert.equal(typed.status, 400);
  });
});

describe('@northflank/cli 0.9.24', () => {
  let cli;

  before(async () => {
    cli = cliUser();
    const login = await cli.login(world.tokens.acme, tally.baseUrl);
    assert.equal(login.code, 0, login.output);
    assert.match(login.output, /Successfully logged in/);
  });

  after(() => cli?.remove());

  test('login refuses a token Tally does not know', async () => {
    const stranger = cliUser();
    try {
      const login = await stranger.login(world.tokens.revoked, tally.baseUrl);
      // (the CLI exits 0 even then; what it says is what counts)
      assert.match(login.output, /Failed to login with the provided token/);
      assert.doesNotMatch(login.output, /Successfully logged in/);
    } finally {
      stranger.remove();
    }
  });

  test('list invoices -o json and -o yaml fetch every page', async () => {
    const all = await allInvoices(world.tokens.acme);
    const json = await cli.run(['list', 'invoices', '-o', 'json']);
    assert.equal(json.code, 0, json.output);
    assert.deepEqual(JSON.parse(json.stdout), { invoices: all });
    const paged = await cli.run(['list', 'invoices', '--per_page', '1', '-o', 'json']);
    assert.equal(paged.code, 0, paged.output);
    assert.deepEqual(JSON.parse(paged.stdout), { invoices: all });
    const yamlOutput = await cli.run(['list', 'invoices', '-o', 'yaml']);
    assert.equal(yamlOutput.code, 0, yamlOutput.output);
    assert.deepEqual(yaml.safeLoad(yamlOutput.stdout), { invoices: all });
  });

  test('list invoices with --page and --cursor', async () => {
    const all = await allInvoices(world.tokens.acme);
    const page = await cli.run(['list', 'invoices', '--per_page', '3', '--page', '2', '-o', 'json']);
    assert.equal(page.code, 0, page.output);
    assert.deepEqual(JSON.parse(page.stdout), { invoices: all.slice(3) });
    const first = await api(world.tokens.acme, '/v1/billing/invoices?per_page=2');
    const cursor = await cli.run(['list', 'invoices', '--per_page', '2', '--cursor', first.body.pagination.cursor, '-o', 'json']);
    assert.equal(cursor.code, 0, cursor.output);
    assert.deepEqual(JSON.parse(cursor.stdout), { invoices: all.slice(2) });
  });

  test('list invoices shows a table', async () => {
    const all = await allInvoices(world.tokens.acme);
    const table = await cli.run(['list', 'invoices']);
    assert.equal(table.code, 0, table.output);
    assert.match(table.stdout, /ID\s+PERIOD\s+CURRENCY\s+TOTAL\s+SUBTOTAL\s+PAID/);
    for (const invoice of all) {
      // the table may cut a long id short ("inv_20a791d9…"): find the row by its start
      const row = table.stdout.split('\n').find((line) => line.includes(invoice.id.slice(0, 20)));
      assert.ok(row, `no row for ${invoice.id} in\n${table.stdout}`);
      assert.match(row, new RegExp(`usd\\s+${invoice.total}\\s+${invoice.subTotal}`));
    }
  });

  test('get invoice details, with and without --timestamp, and the legacy filters', async () => {
    const preview = await cli.run(['get', 'invoice', 'details', '-o', 'json']);
    assert.equal(preview.code, 0, preview.output);
    assert.deepEqual(JSON.parse(preview.stdout), (await api(world.tokens.acme, '/v1/billing/invoices/details')).body.data);
    const timestamp = Math.floor(world.previous.getTime() / 1000);
    const past = await cli.run(['get', 'invoice', 'details', '--timestamp', String(timestamp), '-o', 'yaml']);
    assert.equal(past.code, 0, past.output);
    const expected = (await api(world.tokens.acme, `/v1/billing/invoices/details?timestamp=${timestamp}`)).body.data;
    assert.deepEqual(yaml.safeLoad(past.stdout), expected);
    assert.equal(expected.paid, false);
    const project = await cli.run(['get', 'invoice', 'details', '--projectId', 'web', '--serviceId', 'api', '-o', 'json']);
    assert.equal(project.code, 0, project.output);
    const narrowed = JSON.parse(project.stdout);
    assert.deepEqual(narrowed, (await api(world.tokens.acme, '/v1/billing/invoices/details?projectId=web&serviceId=api')).body.data);
    assert.deepEqual(narrowed.paasUsage.teams.map((team) => team.usage.projects.map((p) => p.id)), [['web']]);
    assert.ok(narrowed.subTotal > 0 && narrowed.subTotal < JSON.parse(preview.stdout).subTotal);
    const plain = await cli.run(['get', 'invoice', 'details']);
    assert.equal(plain.code, 0, plain.output);
    assert.match(plain.stdout, /paasUsage/);
  });

  /** Runs `use(user)` for a new CLI user logged in with `token`, and removes the user after. */
  async function asCliUser(token, use) {
    const user = cliUser();
    try {
      const login = await user.login(token, tally.baseUrl);
      assert.equal(login.code, 0, login.output);
      await use(user);
    } finally {
      user.remove();
    }
  }

  /** Asserts the CLI's report of a Tally error: exit code 1, the message and the HTTP status. */
  function assertReported(result, status, message) {
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, message);
    assert.match(result.output, new RegExp(`HTTP status code: ${status}, NF error id: \\S+`));
  }

  test('errors are reported as the CLI reports API errors', async () => {
    assertReported(await cli.run(['list', 'invoices', '--per_page', '101', '-o', 'json']), 400, /per_page must be a whole number from 1 to 100/);
    assertReported(await cli.run(['list', 'invoices', '--per_page', '0', '--skipValidation']), 400, /per_page must be/);
    assertReported(await cli.run(['list', 'invoices', '--page', 'last', '--skipValidation', '-o', 'json']), 400, /page must be a whole number/);
    assertReported(await cli.run(['list', 'invoices', '--cursor', 'nope', '-o', 'json']), 400, /cursor was not issued by Tally/);
    assertReported(await cli.run(['get', 'invoice', 'details', '--timestamp', 'soon', '--skipValidation', '-o', 'json']), 400, /timestamp must be a unix time/);
    assertReported(await cli.run(['get', 'invoice', 'details', '--timestamp', '5', '-o', 'json']), 404, /invoice containing the unix time 5 not found/);

    const issued = await tally.admin('POST', '/tokens', { kind: 'account', account_id: 'acme' });
    await asCliUser(issued.token, async (user) => {
      await tally.admin('DELETE', `/tokens/${issued.id}`);
      assertReported(await user.run(['list', 'invoices', '-o', 'yaml']), 401, /invalid API token/);
    });
    await asCliUser(world.tokens.noPermission, async (user) => {
      assertReported(await user.run(['list', 'invoices', '-o', 'json']), 403, /lacks the permission Account > Billing > General > Read/);
    });
    await asCliUser(world.tokens.platform, async (user) => {
      assertReported(await user.run(['get', 'invoice', 'details', '-o', 'json']), 403, /a team token reads only its own team's billing/);
    });
  });
});
