#!/usr/bin/env bash
# npm run test:realworld: the official RealWorld API suite, twice, against the built server or
# REALWORLD_HOST (see scripts/realworld/run.mjs and the README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/realworld/run.mjs "$@"
