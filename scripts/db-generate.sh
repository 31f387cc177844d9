#!/usr/bin/env bash
# Generates a migration from the schema files. Holds a lock so two people generating at once
# do not write migrations with the same number.
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/hoidja-drizzle-generate.lock npx drizzle-kit generate "$@"
