// Seeds a running Tally (e2e/lib/tally.mjs) through the admin API and ingest, as an operator would:
// the account "acme" with two teams, resources, a BYOC cluster and usage, billed monthly since about
// three months ago (so it has finalized invoices and a live draft), "veteran" billed for three
// years (dozens of invoices to page through), and "globex", another account. Returns the tokens.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The start of the current UTC hour, minus `days` days and `months` months (clamped, like Tally). */
function anchorAgo(now, { months = 0, days = 0 }) {
  const date = new Date(Math.floor((now - days * DAY) / HOUR) * HOUR);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

/** The start of the monthly period of `anchor` that contains `at` (months counted from the anchor). */
export function periodStart(anchor, at) {
  let months = 0;
  let start = anchor;
  for (;;) {
    const next = addMonths(anchor, months + 1);
    if (next > at) {
      return start;
    }
    months += 1;
    start = next;
  }
}

function addMonths(anchor, months) {
  const date = new Date(anchor);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

export async function seedWorld(tally) {
  const { admin, ingest } = tally;
  const now = Date.now();

  const meters = [
    ['cpu', 'compute', 'sum', 'vcpu_hours', 'paas.cpu'],
    ['memory', 'compute', 'sum', 'gb_hours', 'paas.memory'],
    ['gpu', 'compute', 'sum', 'gpu_hours', 'paas.gpu'],
    ['storage', 'storage', 'max', 'gb', 'paas.storage'],
    ['byoc_vcpu', 'byoc', 'sum', 'vcpu_hours', 'byoc.vcpu'],
    ['byoc_cluster', 'byoc_cluster_hour', 'count', undefined, 'byoc.cluster'],
    ['requests', 'api_request', 'sum', 'requests', 'usage'],
  ];
  for (const [id, eventType, aggregation, valueProperty, category] of meters) {
    await admin('POST', '/meters', {
      id,
      name: `${id.replace('_', ' ')} usage`,
      event_type: eventType,
      aggregation,
      value_property: valueProperty,
      category,
    });
  }
  await admin('POST', '/plans', {
    id: 'pro',
    name: 'Pro plan',
    currency: 'USD',
    recurring_fee: 2000,
    prices: [
      { meter_id: 'cpu', model: 'per_unit', unit_price: '2.5' },
      { meter_id: 'memory', model: 'per_unit', unit_price: '0.35' },
      { meter_id: 'gpu', model: 'per_unit', unit_price: '120' },
      { meter_id: 'storage', model: 'per_unit', unit_price: '5' },
      { meter_id: 'byoc_vcpu', model: 'per_unit', unit_price: '0.8' },
      { meter_id: 'byoc_cluster', model: 'per_unit', unit_price: '10' },
      {
        meter_id: 'requests',
        model: 'graduated',
        tiers: [{ up_to: 1000, unit_price: '0' }, { unit_price: '0.01' }],
      },
    ],
  });
  await admin('POST', '/plans', { id: 'support', name: 'Priority support', currency: 'USD', recurring_fee: 3000 });

  // acme: the current period began at least ten days ago, so usage of the last days falls in it
  const acmeAnchor = anchorAgo(now, { months: 3, days: 10 });
  await admin('POST', '/accounts', {
    id: 'acme',
    name: 'Acme Corp',
    currency: 'USD',
    billing_anchor: acmeAnchor.toISOString(),
    tax_percent: 20,
  });
  const current = periodStart(acmeAnchor, new Date(now));
  const previous = periodStart(acmeAnchor, new Date(current.getTime() - 1));
  await admin('POST', '/accounts/acme/subscriptions', { plan_id: 'pro' });
  await admin('POST', '/accounts/acme/subscriptions', {
    plan_id: 'support',
    starts_at: new Date(previous.getTime() + 5 * DAY).toISOString(),
  });
  const tree = {
    platform: { name: 'Platform', projects: { web: ['Web shop', { api: 'service', nightly: 'job', db: 'addon', uploads: 'volume' }], ml: ['Machine learning', { llm: 'llm-model-deployment' }] } },
    data: { name: 'Data', projects: { etl: ['ETL', { infra: 'opentofu-job', warehouse: 'external-addon' }] } },
  };
  const resources = [];
  for (const [teamId, team] of Object.entries(tree)) {
    await admin('POST', '/accounts/acme/teams', { id: teamId, name: team.name });
    for (const [projectId, [projectName, projectResources]] of Object.entries(team.projects)) {
      await admin('POST', `/teams/${teamId}/projects`, { id: projectId, name: projectName });
      for (const [resourceId, type] of Object.entries(projectResources)) {
        await admin('POST', `/projects/${projectId}/resources`, { id: resourceId, name: resourceId, type });
        resources.push(resourceId);
      }
    }
  }
  await admin('POST', '/accounts/acme/clusters', { id: 'byoc-1', name: 'BYOC eu-1' });

  // Usage of the previous period goes first, in a batch of its own: Tally takes it only while that
  // period is still a draft, and the server's own billing run may finalize it from a minute after
  // start on. Should that have happened, the previous invoice just shows no usage.
  const usage = (label, at, scale) => {
    const events = [];
    resources.forEach((resource, i) => {
      events.push(event('acme', `compute-${resource}-${label}`, 'compute', at, {
        resource_id: resource,
        vcpu_hours: 100 * scale + 37 * i,
        gb_hours: 250 * scale + 11 * i,
        ...(resource === 'llm' ? { gpu_hours: 3 * scale } : {}),
      }));
    });
    for (const volume of ['db', 'uploads']) {
      events.push(event('acme', `storage-${volume}-${label}`, 'storage', at, { resource_id: volume, gb: 20 * scale }));
    }
    events.push(event('acme', `byoc-${label}`, 'byoc', at, { cluster_id: 'byoc-1', vcpu_hours: 400 * scale }));
    events.push(event('acme', `cluster-hour-${label}`, 'byoc_cluster_hour', at, { cluster_id: 'byoc-1' }));
    events.push(event('acme', `requests-${label}`, 'api_request', at, { requests: 1500 * scale }));
    return events;
  };
  const previousUsageAt = new Date(current.getTime() - 2 * DAY);
  if (now - previousUsageAt.getTime() < 33 * DAY) {
    try {
      await ingest(usage('previous', previousUsageAt, 2));
    } catch (error) {
      if (!String(error.message).startsWith('ingest -> 400')) {
        throw error;
      }
    }
  }
  await ingest(usage('current', new Date(now - 2 * HOUR), 3));

  await admin('POST', '/accounts', { id: 'globex', name: 'Globex', currency: 'USD', billing_anchor: acmeAnchor.toISOString() });
  await admin('POST', '/accounts/globex/subscriptions', { plan_id: 'pro' });
  await admin('POST', '/accounts/globex/teams', { id: 'globex-team', name: 'Globex team' });

  await admin('POST', '/accounts', {
    id: 'veteran',
    name: 'Veteran Inc',
    currency: 'USD',
    billing_anchor: anchorAgo(now, { months: 36 }).toISOString(),
    tax_percent: 10,
  });
  await admin('POST', '/accounts/veteran/subscriptions', { plan_id: 'pro' });

  // finalize every ended period now rather than waiting for the server's own run
  await admin('POST', '/billing-runs', {});

  const token = async (body) => (await admin('POST', '/tokens', body)).token;
  const revoked = await admin('POST', '/tokens', { kind: 'account', account_id: 'acme' });
  await admin('DELETE', `/tokens/${revoked.id}`);
  return {
    acmeAnchor,
    current,
    previous,
    tokens: {
      acme: await token({ kind: 'account', account_id: 'acme' }),
      platform: await token({ kind: 'team', team_id: 'platform' }),
      veteran: await token({ kind: 'account', account_id: 'veteran' }),
      globex: await token({ kind: 'account', account_id: 'globex' }),
      noPermission: await token({ kind: 'account', account_id: 'acme', permissions: [] }),
      revoked: revoked.token,
    },
  };
}

function event(customerId, name, eventType, at, properties) {
  return {
    transaction_id: `${customerId}-${name}`,
    customer_id: customerId,
    event_type: eventType,
    timestamp: at.toISOString(),
    properties,
  };
}
