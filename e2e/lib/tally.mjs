// Starts a real Tally (./tally serve) on a fresh embedded database and a free port, for the
// end-to-end suites that drive it with the official npm clients.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length) {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** A token in Tally's format, tly_<12>_<32>. */
export function newToken() {
  return `tly_${randomText(12)}_${randomText(32)}`;
}

/**
 * Starts Tally and resolves to {baseUrl, operatorToken, admin(method, path, body), stop()} once it
 * answers /healthz. The server's output is kept and printed if it fails to start.
 */
export async function startTally() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
  const operatorToken = newToken();
  const child = spawn(
    join(REPO, 'tally'),
    ['serve', '--port', '0', '--data-dir', dataDir, '--operator-token', operatorToken,
      '--grace-period-hours', '0'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Tally did not start in 240 s:\n${output}`)), 240_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Tally is running on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Tally exited with ${code} before it was ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');

  async function admin(method, path, body) {
    const response = await fetch(`${baseUrl}/admin/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
  }

  async function ingest(events) {
    const response = await fetch(`${baseUrl}/v1/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(events),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`ingest -> ${response.status}: ${text}`);
    }
    return JSON.parse(text);
  }

  async function stop() {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { baseUrl, operatorToken, admin, ingest, stop, output: () => output };
}
