#!/bin/sh
# The postgres-replica service (docker compose --profile replica): on first start, clone the
# primary with pg_basebackup -R (writes standby.signal and primary_conninfo) through a physical
# replication slot, so the primary keeps the WAL this standby has not received yet; then run as
# a hot standby. Later starts resume streaming from where it stopped.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres -U "$POSTGRES_USER" -q; do sleep 1; done
  # The slot exists already when this volume was recreated: reuse it.
  pg_basebackup -h postgres -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -C -S inkwell_replica ||
    { rm -rf "$PGDATA"/*; pg_basebackup -h postgres -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -S inkwell_replica; }
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
