#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the test suite's second pass; installs and starts one if not.
set -euo pipefail
url="${1:?usage: ensure-postgres.sh DATABASE_URL}"
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "No PostgreSQL answers on 127.0.0.1:5432; start one or set PG_URL" >&2; exit 1; fi
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
conf=/etc/postgresql/$version/main
# Trust local connections: this server exists only for the test suite on this machine.
sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$conf/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
echo "PostgreSQL did not start" >&2; exit 1
