# Sourced by scripts/test, scripts/proof and scripts/browser-test: Python virtual environments in
# .build/ holding the few tools from PyPI, pinned — schemathesis, for the hostile-input proof over
# HTTP (scripts/proofs/schema.py), and axe for the browser tests. Each made once; made again when
# its pin changes.
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

# The browser tests' tools from PyPI, pinned: axe-selenium-python runs axe-core in the page; the
# axe-core it bundles is 3.1.1 (2018), which has no WCAG 2.1 rules, so the script it runs is
# axe-core 4.12.1, as axe-playwright-python ships it (installed without its dependencies: only
# its axe.min.js is read). The environment sees Debian's own packages (python3-selenium, matched
# to Debian's chromium-driver), so only axe comes from PyPI.
BROWSER_VENV=.build/browser-venv
AXE_SELENIUM_VERSION=2.1.6
AXE_CORE_CARRIER=axe-playwright-python==0.1.8

ensure_browser_venv() {
    if "$BROWSER_VENV/bin/python" -c "
import importlib.metadata as m, sys
sys.exit(m.version('axe-selenium-python') != '$AXE_SELENIUM_VERSION' or m.version('axe-playwright-python') != '${AXE_CORE_CARRIER#*==}')" 2>/dev/null \
        && "$BROWSER_VENV/bin/python" -c "import selenium" 2>/dev/null; then
        return 0
    fi
    echo "Installing axe-selenium-python $AXE_SELENIUM_VERSION and $AXE_CORE_CARRIER (for axe-core 4.12.1) from PyPI into $BROWSER_VENV"
    rm -rf "$BROWSER_VENV"
    /usr/bin/python3 -m venv --system-site-packages "$BROWSER_VENV"
    "$BROWSER_VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps "axe-selenium-python==$AXE_SELENIUM_VERSION" "$AXE_CORE_CARRIER"
}
