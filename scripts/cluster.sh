#!/usr/bin/env bash
# npm run cluster: two production instances behind nginx on http://localhost:8080 (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/cluster.mjs "$@"
