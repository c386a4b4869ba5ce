# Sourced by scripts/test and scripts/proof: a Python virtual environment in .build/ holding the
# proofs' one tool from PyPI, pinned — schemathesis, for the hostile-input proof over HTTP
# (scripts/proofs/schema.py). Made once; made again when the pin changes.
PROOF_VENV=.build/proof-venv
SCHEMATHESIS_VERSION=4.32.5

ensure_proof_venv() {
    if "$PROOF_VENV/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $SCHEMATHESIS_VERSION"; then
        return 0
    fi
    echo "Installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $PROOF_VENV"
    rm -rf "$PROOF_VENV"
    python3 -m venv "$PROOF_VENV"
    "$PROOF_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
}
