#!/usr/bin/env bash
# `npm test`: type-check, then every test on the embedded database (PGlite), again on a throwaway
# PostgreSQL server, then the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test
export TEST_OUTPUT_DIR="${TEST_OUTPUT_DIR:-$PWD/test-output}"
mkdir -p "$TEST_OUTPUT_DIR"
rm -f "$TEST_OUTPUT_DIR"/*.tap

# PDFs (notices, invoices) need a Unicode font; Debian's DejaVu is on the machine image, but make sure.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -z "${HOIDJA_PDF_FONT:-}" ]; then
  echo "installing Debian's fonts-dejavu-core for the PDF tests" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

echo "== type-check"
npx tsc -p .

mapfile -t unit_and_integration < <(find src test -name '*.test.ts' -not -path 'test/browser/*' | sort)
mapfile -t browser < <(find test/browser -name '*.test.ts' 2>/dev/null | sort)
concurrency="${TEST_CONCURRENCY:-2}"
status=0

# Format, lint, import boundaries (dependency-cruiser) and unused code (knip): a failure fails the
# run, but the tests still run so that one report shows everything.
echo "== lint"
npm run lint --silent || status=1

echo "== tests on PGlite"
TEST_DB=pglite node --import tsx --test --test-concurrency="$concurrency" --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$TEST_OUTPUT_DIR/pglite.tap" "${unit_and_integration[@]}" || status=1

echo "== tests on PostgreSQL"
source scripts/pg-throwaway.sh
trap pg_throwaway_stop EXIT
TEST_DB=postgres node --import tsx --test --test-concurrency="$concurrency" --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$TEST_OUTPUT_DIR/postgres.tap" "${unit_and_integration[@]}" || status=1

if [ ${#browser[@]} -gt 0 ]; then
  echo "== browser tests (Chromium)"
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  npm run build:web --silent
  TEST_DB=pglite node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$TEST_OUTPUT_DIR/browser-pglite.tap" "${browser[@]}" || status=1
  TEST_DB=postgres node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$TEST_OUTPUT_DIR/browser-postgres.tap" "${browser[@]}" || status=1
fi

# One closing line over every run (PGlite, PostgreSQL, browser).
passed=$(cat "$TEST_OUTPUT_DIR"/*.tap 2>/dev/null | awk '/^# pass /{s+=$3} END{print s+0}')
failed=$(cat "$TEST_OUTPUT_DIR"/*.tap 2>/dev/null | awk '/^# fail /{s+=$3} END{print s+0}')
[ "$failed" -gt 0 ] && status=1
echo "tests: $passed passed, $failed failed"
exit $status
