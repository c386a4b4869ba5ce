# Sourced by scripts/test and scripts/pgbench-baseline: a throwaway PostgreSQL for the second
# storage engine's tests, in its own temporary directory on a free port of 127.0.0.1, so that
# neither Debian's own cluster (port 5432, started by the package) nor a developer's server is
# read, written or stopped.
#
# postgres_start exports, for `swift test` and anything else the caller runs:
#   GRIEVANCE_TEST_POSTGRES                postgres://grievance@127.0.0.1:PORT/grievance_test —
#                                          the application's role (LOGIN CREATEDB, not superuser)
#                                          over TCP; no password in the URL
#   GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE  that role's password, alone in the file, no newline;
#                                          mode 0600, owned by whoever runs the tests
#   GRIEVANCE_TEST_POSTGRES_ADMIN          postgres://postgres@127.0.0.1:PORT/postgres — the
#                                          superuser over TCP, for what the tests' own role
#                                          cannot do
#   GRIEVANCE_TEST_POSTGRES_ADMIN_PASSWORD_FILE  the superuser's password, same form
#   GRIEVANCE_TEST_POSTGRES_BIN            the server's bin directory (psql, pg_dump, pgbench of
#                                          the same version)
#   GRIEVANCE_TEST_POSTGRES_DIR            the temporary directory, removed by postgres_stop
#   GRIEVANCE_DATABASE_PASSWORD_FILE       the same file, named as every Grievance program reads it
#   GRIEVANCE_TEST_POSTGRES_CA             the CA of the server's TLS certificate (for sslmode=verify-full), when openssl made one
# If GRIEVANCE_TEST_POSTGRES is already set, postgres_start starts nothing and leaves every
# variable as the developer set it.
#
# The superuser has a password over TCP too, rather than trust: with trust, any local account
# could connect to the loopback port as superuser while the tests run, and a superuser can run
# programs as the account that runs the server (COPY ... TO PROGRAM) — the developer's own
# account when the tests run without root. Trust is left only on the unix socket, whose
# directory only the server's account (and root) can enter; this script sets the roles up there.

_grievance_pg_dir=""   # set only when this shell started the server, so stop never touches another
_grievance_pg_as=()    # the command prefix that runs a PostgreSQL program as the server's account

# Debian installs the server's programs outside PATH, one directory per major version.
postgres_bin_dir() {
    if [ -n "${GRIEVANCE_TEST_POSTGRES_BIN:-}" ]; then
        printf '%s\n' "$GRIEVANCE_TEST_POSTGRES_BIN"
        return 0
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        echo "error: no PostgreSQL server found under /usr/lib/postgresql." >&2
        echo "hint: apt-get install -y postgresql, or set GRIEVANCE_TEST_POSTGRES to a server of your own." >&2
        return 1
    fi
    printf '%s\n' "$dir"
}

# Asking the kernel for port 0 gives a port no one holds now; another process may still take it
# before the server binds, which is why postgres_start tries again on failure.
_postgres_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

_postgres_random_password() {
    # Hex keeps it safe inside an SQL literal and a URL without quoting.
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
}

# Runs one PostgreSQL program as the server's account, from the temporary directory: as root
# that is the `postgres` account (initdb refuses root), which may not enter the caller's
# working directory.
_postgres_run() {
    (cd "$_grievance_pg_dir" && "${_grievance_pg_as[@]}" "$@")
}

postgres_start() {
    if [ -n "${GRIEVANCE_TEST_POSTGRES:-}" ]; then
        echo "PostgreSQL for the tests: the developer's own, $(printf '%s' "$GRIEVANCE_TEST_POSTGRES" | sed -E 's#^([a-z]+://)[^@/]*@#\1#')"
        return 0
    fi
    local bin
    bin="$(postgres_bin_dir)" || return 1
    if [ "$(id -u)" -eq 0 ]; then
        if ! getent passwd postgres >/dev/null; then
            echo "error: running as root, but there is no 'postgres' account to run the server as." >&2
            echo "hint: apt-get install -y postgresql creates it." >&2
            return 1
        fi
        _grievance_pg_as=(runuser -u postgres --)
    else
        _grievance_pg_as=()
    fi

    _grievance_pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/grievance-pg.XXXXXX")"
    local dir="$_grievance_pg_dir"
    local data="$dir/data" run="$dir/run"
    # A unix socket's path is limited to 107 bytes.
    if [ $((${#run} + 20)) -gt 107 ]; then
        echo "error: $run is too long a path for PostgreSQL's socket; set TMPDIR to a shorter one." >&2
        postgres_stop
        return 1
    fi
    mkdir -m 0700 "$data" "$run"
    if [ "$(id -u)" -eq 0 ]; then
        # The server's account may pass through the directory but not list it, so the password
        # files beside data/ and run/ stay root's alone.
        chmod 0711 "$dir"
        chown postgres:postgres "$data" "$run"
        if ! runuser -u postgres -- test -w "$data"; then
            echo "error: the 'postgres' account cannot reach $data; set TMPDIR to a directory it can enter." >&2
            postgres_stop
            return 1
        fi
    fi

    if ! _postgres_run "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1; then
        echo "error: initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        postgres_stop
        return 1
    fi
    # The whole file, rather than initdb's, so that nothing else (::1, replication) is allowed.
    _postgres_run sh -c "cat > '$data/pg_hba.conf'" <<'EOF'
# Written by scripts/lib/postgres.sh. The socket's directory is closed to other accounts.
local   all   all                 trust
host    all   all   127.0.0.1/32  scram-sha-256
EOF

    # TLS, as a server on another machine would offer it: a throwaway CA made here signs the
    # server's certificate for 127.0.0.1, so that the tests can connect with sslmode=verify-full
    # (and see a certificate from another CA refused). Without openssl, the server runs without.
    local tls=""
    if command -v openssl >/dev/null 2>&1 \
        && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=grievance test CA" \
            -keyout "$dir/ca.key" -out "$dir/ca.crt" >"$dir/openssl.log" 2>&1 \
        && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
            -keyout "$dir/server.key" -out "$dir/server.csr" >>"$dir/openssl.log" 2>&1 \
        && printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/server.ext" \
        && openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
            -extfile "$dir/server.ext" -out "$dir/server.crt" >>"$dir/openssl.log" 2>&1; then
        chmod 0644 "$dir/ca.crt"
        _postgres_run sh -c "cat > '$data/server.crt'" <"$dir/server.crt"
        _postgres_run sh -c "umask 077 && cat > '$data/server.key'" <"$dir/server.key"
        rm -f "$dir/server.key" "$dir/ca.key"
        tls="-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
    fi

    local port="" attempt
    for attempt in 1 2 3; do
        port="$(_postgres_free_port)"
        # Durability settings are the defaults, stated so that no postgresql.conf or ALTER SYSTEM
        # changes what the tests measure and rely on.
        if _postgres_run "$bin/pg_ctl" -D "$data" -l "$run/server.log" -w -t 60 -o "-p $port \
                -c listen_addresses=127.0.0.1 -c unix_socket_directories=$run -c unix_socket_permissions=0700 \
                -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
                -c max_connections=200 -c password_encryption=scram-sha-256 $tls" start >"$dir/pg_ctl.log" 2>&1; then
            break
        fi
        port=""
    done
    if [ -z "$port" ]; then
        echo "error: PostgreSQL did not start; its log:" >&2
        tail -n 30 "$run/server.log" >&2 || true
        postgres_stop
        return 1
    fi

    local password admin_password
    password="$(_postgres_random_password)"
    admin_password="$(_postgres_random_password)"
    (umask 077
     printf '%s' "$password" >"$dir/password"
     printf '%s' "$admin_password" >"$dir/admin-password")
    # The passwords go in on stdin (printf is a builtin), never in a command's arguments, which
    # every account on the machine can read in ps.
    if ! printf "CREATE ROLE grievance LOGIN CREATEDB PASSWORD '%s';\nALTER ROLE postgres PASSWORD '%s';\nCREATE DATABASE grievance_test OWNER grievance;\n" \
            "$password" "$admin_password" \
            | _postgres_run "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$port" -U postgres -d postgres >"$dir/setup.log" 2>&1; then
        echo "error: setting up the roles failed:" >&2
        cat "$dir/setup.log" >&2
        postgres_stop
        return 1
    fi

    export GRIEVANCE_TEST_POSTGRES="postgres://grievance@127.0.0.1:$port/grievance_test"
    export GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE="$dir/password"
    export GRIEVANCE_TEST_POSTGRES_ADMIN="postgres://postgres@127.0.0.1:$port/postgres"
    export GRIEVANCE_TEST_POSTGRES_ADMIN_PASSWORD_FILE="$dir/admin-password"
    export GRIEVANCE_TEST_POSTGRES_BIN="$bin"
    export GRIEVANCE_TEST_POSTGRES_DIR="$dir"
    # How the programs under test get the role's password, as an installation gives it to them
    # (never through config.json).
    export GRIEVANCE_DATABASE_PASSWORD_FILE="$dir/password"
    # The CA that signed the server's certificate, when the server offers TLS.
    if [ -n "$tls" ]; then export GRIEVANCE_TEST_POSTGRES_CA="$dir/ca.crt"; else unset GRIEVANCE_TEST_POSTGRES_CA; fi
    echo "PostgreSQL for the tests: PostgreSQL $("$bin/postgres" --version | sed 's/.*) //') on 127.0.0.1:$port, in $dir"
}

# Safe to call twice, and when postgres_start started nothing: a developer's server is not ours
# to stop.
postgres_stop() {
    [ -n "$_grievance_pg_dir" ] || return 0
    local dir="$_grievance_pg_dir" bin
    bin="$(postgres_bin_dir)" || bin=""
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        _postgres_run "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || _postgres_run "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
            || echo "warning: could not stop the PostgreSQL in $dir/data" >&2
    fi
    rm -rf "$dir"
    _grievance_pg_dir=""
    # The bin directory stays: it names the machine's server, not this run's.
    unset GRIEVANCE_TEST_POSTGRES GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE GRIEVANCE_TEST_POSTGRES_ADMIN \
        GRIEVANCE_TEST_POSTGRES_ADMIN_PASSWORD_FILE GRIEVANCE_TEST_POSTGRES_DIR GRIEVANCE_TEST_POSTGRES_CA GRIEVANCE_DATABASE_PASSWORD_FILE
}
