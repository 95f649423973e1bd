#!/usr/bin/env bash
# npm run bench:replicas (scripts/bench/replicas.mjs), with the project's toolchain.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/bench/replicas.mjs "$@"
