#!/bin/sh
# Runs once, when the postgres service initialises its data volume (docker-entrypoint-initdb.d):
# lets the opt-in standby (docker compose --profile replica) stream WAL with the same password
# as the app. PostgreSQL's defaults already suit a primary (wal_level=replica, 10 WAL senders).
# A volume initialised before this file existed needs the line added once by hand (README).
set -eu
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
