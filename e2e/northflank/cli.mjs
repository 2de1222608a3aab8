// Runs the official Northflank CLI (node_modules/.bin/northflank) as a customer would, without a
// TTY, in a home directory of its own so that its config never touches the real one.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'northflank');
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A CLI user with an empty home whose config stops the CLI's update check. */
export function cliUser() {
  const home = mkdtempSync(join(tmpdir(), 'tally-northflank-cli-'));
  mkdirSync(join(home, '.northflank'));
  writeFileSync(
    join(home, '.northflank', 'config.json'),
    JSON.stringify({ contexts: [], lastUpdateCheck: Date.now() }),
  );

  /** Runs `northflank ...args`; resolves to {code, stdout, stderr, output} with colours stripped. */
  function run(args, { timeoutMs = 60_000 } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`northflank ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        stdout = stdout.replace(ANSI, '');
        stderr = stderr.replace(ANSI, '');
        resolve({ code, stdout, stderr, output: `${stdout}${stderr}` });
      });
    });
  }

  /** `northflank login` with a token against a host, as context "t". */
  function login(token, host) {
    return run(['login', '-n', 't', '-t', token, '--host', host]);
  }

  return { home, run, login, remove: () => rmSync(home, { recursive: true, force: true }) };
}
