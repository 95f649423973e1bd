#!/usr/bin/env bash
# npm run fault:hostile: hostile input against the built server (see README, "Proof under faults").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/faults/hostile-input.mjs "$@"
