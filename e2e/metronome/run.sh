#!/usr/bin/env bash
# The Metronome SDK end-to-end suite: installs the pinned @metronome/sdk (package-lock.json) and
# drives a real Tally with it (e2e/lib/tally.mjs starts ./tally serve on a fresh embedded database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --loglevel=error
exec node --test --test-concurrency=1 metronome.test.mjs
