#!/usr/bin/env bash
# npm run bench: the feed hot path against bare Node and Express baselines (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/bench.mjs "$@"
