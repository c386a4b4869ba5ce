# Sourced by scripts/demo, scripts/test and scripts/install: installs the Debian packages this
# project needs (and those given as arguments: scripts/test adds the tests' own), if any is
# missing, and checks that Swift 6.2 or newer is there.

GRIEVANCE_DEBIAN_PACKAGES=(libsodium-dev libsqlite3-dev pkg-config qrencode coinor-libclp-dev)
# The browser tests (scripts/browser-test): Debian's Chromium, its WebDriver, and Selenium for
# Debian's own python3; the disk proof (scripts/proofs/disk.py) makes and repairs an ext4 disk.
# python3-venv holds the proofs' tools from PyPI (scripts/lib/proof-venv.sh). The deployment
# test (Tests/Deploy) runs the real nginx in front of the server, with a certificate openssl
# makes, uploads over HTTP/2 with curl, reads the Caddyfile with caddy, and checks the systemd
# units with systemd-analyze. postgresql: the second storage engine's tests run against a real
# server that scripts/lib/postgres.sh starts in a temporary directory; psql, pg_dump and pgbench
# of the same version come with it (postgresql-15 depends on postgresql-client-15).
# fonts-noto-core: the scripts the pages are written in (Devanagari, Bengali, Thai, Arabic,
# Nastaliq), so that the browser's screenshots show words, not empty boxes; the pages ship no
# font of their own.
GRIEVANCE_TEST_PACKAGES=(chromium chromium-driver python3-selenium e2fsprogs python3-venv python3-scipy nginx caddy openssl curl systemd postgresql fonts-noto-core)

# Swift 6.2 or newer: Package.swift and several of its dependencies (hummingbird, swift-log,
# swift-metrics, swift-prometheus, swift-service-lifecycle, swift-collections, ...) declare
# swift-tools-version 6.2, which an older toolchain refuses with a less helpful message.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: Swift 6.2 or newer is needed and 'swift' is not on PATH." >&2
        echo "hint: install the toolchain from swift.org for Debian, then run this again." >&2
        exit 1
    fi
    local said version major minor
    said="$(swift --version 2>&1 | grep -m1 'Swift version' || true)"
    version="$(printf '%s\n' "$said" | sed -n 's/.*Swift version \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1.\2/p')"
    major="${version%%.*}"
    minor="${version#*.}"
    if [ -z "$version" ] || [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -lt 2 ]; }; then
        echo "error: Swift 6.2 or newer is needed; 'swift --version' says: ${said:-nothing}" >&2
        echo "hint: install a newer toolchain from swift.org for Debian and put it first on PATH, then run this again." >&2
        exit 1
    fi
}

ensure_packages() {
    ensure_swift
    local missing=()
    for package in "${GRIEVANCE_DEBIAN_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    # The audit log's independent verifier (scripts/verify-audit-export.py) needs only a python3,
    # from Debian or elsewhere.
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "error: missing packages ${missing[*]}, and no root or sudo to install them." >&2
            echo "hint: as root, run: apt-get install -y ${missing[*]}" >&2
            exit 1
        fi
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}
