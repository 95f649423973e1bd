#!/usr/bin/env bash
# npm run fault:<name>: one fault-injection proof against the built server (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node "scripts/faults/$1.mjs" "${@:2}"
