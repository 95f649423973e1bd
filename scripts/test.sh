#!/usr/bin/env bash
# npm test: type-check, lint, client, server and browser tests (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/test.mjs "$@"
