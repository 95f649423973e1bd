#!/usr/bin/env bash
# npm run lighthouse: Lighthouse scores of the production build against the issue's bar.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/lighthouse.mjs "$@"
