#!/usr/bin/env bash
# The Northflank end-to-end suite: installs the pinned @northflank/js-client and @northflank/cli
# (package-lock.json) and drives a real Tally with them (e2e/lib/tally.mjs starts ./tally serve on a
# fresh embedded database). No network beyond the npm registry.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --loglevel=error
exec node --test --test-concurrency=1 northflank.test.mjs
