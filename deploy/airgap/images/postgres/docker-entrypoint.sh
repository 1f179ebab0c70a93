#!/usr/bin/env bash
# Entrypoint of the air-gapped postgres:17 stand-in. It honours the parts of
# the official image's contract this project relies on:
#   POSTGRES_USER (default postgres), POSTGRES_PASSWORD (or _FILE),
#   POSTGRES_DB (default $POSTGRES_USER), PGDATA, POSTGRES_INITDB_ARGS,
#   POSTGRES_HOST_AUTH_METHOD, and /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz
#   run once, on the first start with an empty data directory.
# The server runs as the postgres user and logs to the container's output.
set -Eeuo pipefail

log() { printf '%s [entrypoint] %s\n' "$(date -u +'%Y-%m-%d %H:%M:%S UTC')" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# file_env VAR: allow VAR_FILE (a Docker secret) in place of VAR.
file_env() {
	local var=$1 file_var="${1}_FILE" def=${2:-}
	if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
		die "both $var and $file_var are set (they are exclusive)"
	fi
	local val=$def
	if [ -n "${!var:-}" ]; then
		val=${!var}
	elif [ -n "${!file_var:-}" ]; then
		val=$(<"${!file_var}")
	fi
	export "$var"="$val"
	unset "$file_var"
}

psql_as_owner() {
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

init_database() {
	file_env POSTGRES_PASSWORD
	file_env POSTGRES_USER postgres
	file_env POSTGRES_DB "$POSTGRES_USER"
	file_env POSTGRES_INITDB_ARGS
	local auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
	if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != trust ]; then
		die "database is uninitialized and POSTGRES_PASSWORD is not set; set it (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password, never in production)"
	fi

	log "initialising $PGDATA for user \"$POSTGRES_USER\", database \"$POSTGRES_DB\""
	local pwargs=() pwfile=""
	if [ -n "$POSTGRES_PASSWORD" ]; then
		# A private file rather than <(...): initdb must read it after this
		# assignment, when a process substitution's descriptor is gone.
		pwfile=$(umask 077 && mktemp)
		printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
		pwargs=(--pwfile="$pwfile")
	fi
	# shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of flags.
	initdb --username="$POSTGRES_USER" "${pwargs[@]}" -D "$PGDATA" $POSTGRES_INITDB_ARGS
	[ -z "$pwfile" ] || rm -f "$pwfile"
	printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

	# A private server (no TCP) for the set-up, so no client sees a half-made database.
	export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
	pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start

	if [ "$POSTGRES_DB" != postgres ]; then
		local exists
		exists=$(psql_as_owner --dbname postgres -tA -v db="$POSTGRES_DB" <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
		if [ -z "$exists" ]; then
			psql_as_owner --dbname postgres -v db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
		fi
	fi

	local f
	for f in /docker-entrypoint-initdb.d/*; do
		case "$f" in
		*.sh)
			if [ -x "$f" ]; then
				log "running $f"
				"$f"
			else
				log "sourcing $f"
				# shellcheck disable=SC1090
				. "$f"
			fi
			;;
		*.sql) log "running $f"; psql_as_owner --dbname "$POSTGRES_DB" -f "$f" ;;
		*.sql.gz) log "running $f"; gzip -dc "$f" | psql_as_owner --dbname "$POSTGRES_DB" ;;
		*/\*) ;; # empty folder: the glob did not match
		*) log "ignoring $f" ;;
		esac
	done

	pg_ctl -D "$PGDATA" -m fast -w stop
	unset PGPASSWORD
	log "PostgreSQL init process complete; ready for start up."
}

# "docker run postgres:17 -c shared_buffers=256MB" means postgres with flags.
if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

if [ "$1" = postgres ]; then
	if [ "$(id -u)" = 0 ]; then
		# As root only to fix ownership of (possibly fresh) volumes, then drop
		# to the postgres user for good.
		install -d -o postgres -g postgres -m 700 "$PGDATA"
		chown postgres:postgres "$PGDATA"
		chmod 700 "$PGDATA"
		install -d -o postgres -g postgres -m 3777 /var/run/postgresql
		exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
	fi
	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		init_database
	else
		log "database directory $PGDATA already initialised; skipping initialisation"
	fi
fi

exec "$@"
