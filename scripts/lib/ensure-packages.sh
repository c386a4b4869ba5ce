# Sourced by scripts/demo and scripts/test: installs the Debian packages this project needs
# (and those given as arguments: scripts/test adds the browser tests' own),
# if any is missing, and checks that Swift is there.

GRIEVANCE_DEBIAN_PACKAGES=(libsodium-dev libsqlite3-dev pkg-config qrencode coinor-libclp-dev)
# The browser tests (scripts/browser-test): Debian's Chromium, its WebDriver, and Selenium for
# Debian's own python3; the disk proof (scripts/proofs/disk.py) makes and repairs an ext4 disk.
# python3-venv holds the proofs' tools from PyPI (scripts/lib/proof-venv.sh).
GRIEVANCE_TEST_PACKAGES=(chromium chromium-driver python3-selenium e2fsprogs python3-venv python3-scipy)

ensure_packages() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: Swift 6.2 or newer is needed and 'swift' is not on PATH." >&2
        echo "hint: install the toolchain from swift.org for Debian, then run this again." >&2
        exit 1
    fi
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
