#!/usr/bin/env python3
"""An installation as docs/OPERATIONS.md makes it, tested for real (issue 14, "Installing it for
real"):

1. ./scripts/install into a temporary prefix (and once more staged under DESTDIR, as a packager
   would), then `systemd-analyze verify` on the units it installed, whose programs now exist;
   any warning it prints fails the test, since it exits 0 on most mistakes.
2. The installed programs run from a folder with no ./policies while this checkout, build tree
   included, is hidden under an empty tmpfs in a mount namespace of their own (as root, which CI
   is): the catalogues and the policies come from the installation or not at all. A copy of the
   programs without share/ says where it looked.
3. The real nginx, with the SHIPPED deploy/nginx/grievance.conf (only its certificate paths,
   ports, server port and error log replaced), TLS from a certificate openssl makes now, on
   loopback, in front of the installed grievance-server over a data directory made by the
   installed grievance-cli init. A report with a 3 MB attachment is filed through it over
   HTTP/1.1 and again over HTTP/2; half-way through each upload, nginx must have written nothing
   to its client_body_temp folder nor hold such a file open, while the server is already
   encrypting the file into its spool; then the receipt follows the case up through nginx, and a
   handler decrypts the attachment, byte for byte what was sent. nginx writes no access log,
   refuses bodies over the server's own limits (read from APILimits.swift), and sends plain
   HTTP to HTTPS.
4. Caddy reads the SHIPPED deploy/caddy/Caddyfile as valid, with no access log, the same body
   limits, and request bodies streamed.

Usage: nginx_test.py [--configuration debug|release]   (scripts/test passes debug, reusing its
build). Standard library only; loopback only; every process stopped in every case.
"""
import argparse
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts/proofs"))
from nginxkit import Nginx, make_certificate  # noqa: E402  (the real nginx with the shipped file, shared with scripts/proofs/instances.py)
SERVER_LIMITS = os.path.join(ROOT, "Sources/grievance-server/Defences/APILimits.swift")
UNITS = ["grievance-server.service", "grievance-reminders.service", "grievance-reminders.timer",
         "grievance-backup.service", "grievance-backup.timer"]
ATTACHMENT_BYTES = 3 * 1024 * 1024


def fail(message):
    raise SystemExit(f"nginx_test: FAILED: {message}")


def say(message):
    print(f"nginx_test: {message}", flush=True)


def run(command, timeout=600, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)


class Hidden:
    """Runs the installed programs with this checkout hidden: `unshare --mount` and an empty
    tmpfs over ROOT, so neither policies/ nor .build/ can be read by them."""

    def __init__(self):
        self.enabled = False
        if os.geteuid() != 0:
            say("warning: not root, so the checkout cannot be hidden from the installed programs; run as root (as CI does) for the whole test")
            return
        probe = run(self.wrap(["test", "!", "-e", os.path.join(ROOT, "Package.swift")]), timeout=30)
        if probe.returncode != 0:
            fail(f"could not hide the checkout with unshare and tmpfs: {probe.stderr.strip() or probe.returncode}")
        self.enabled = True

    @staticmethod
    def wrap(command):
        return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                'mount -t tmpfs -o size=1m,mode=0755 tmpfs "$0" && exec "$@"', ROOT, *command]

    def __call__(self, command):
        return self.wrap(command) if self.enabled else command


def server_limits():
    """The server's body limits, computed from APILimits.swift, so that the shipped proxy
    configurations cannot drift from them unseen."""
    with open(SERVER_LIMITS, encoding="utf-8") as f:
        source = f.read()
    values = {}
    for name, expression in re.findall(r"static let (\w+) = ([0-9A-Za-z_ *+]+)\n", source):
        for known, value in values.items():
            expression = re.sub(rf"\b{known}\b", str(value), expression)
        if not re.fullmatch(r"[0-9 *+]+", expression):
            fail(f"cannot compute {name} = {expression} from {SERVER_LIMITS}")
        values[name] = eval(expression)  # digits, spaces, * and + only, checked above
    for name in ("jsonBodyBytes", "formBodyBytes", "multipartBodyBytes"):
        if name not in values:
            fail(f"{SERVER_LIMITS} no longer declares {name}")
    return values


def check_units(prefix, scratch):
    """The units as installed (their programs under this prefix): every directive known, every
    program there. systemd-analyze verify exits 0 on an unknown key or a value it cannot parse,
    so anything it prints is a failure too."""
    systemd = os.path.join(prefix, "share/grievance/deploy/systemd")
    paths = [os.path.join(systemd, unit) for unit in UNITS]
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "/usr/local/" in text:
            fail(f"{path} still names /usr/local: scripts/install did not give it the prefix")
    verified = run(["systemd-analyze", "verify", "--man=no", *paths], timeout=120, cwd=scratch,
                   env=dict(os.environ, SYSTEMD_LOG_COLOR="0", SYSTEMD_PAGER=""))
    said = (verified.stdout + verified.stderr).strip()
    if verified.returncode != 0 or said:
        fail(f"systemd-analyze verify {' '.join(UNITS)} (exit {verified.returncode}):\n{said}")
    with open(os.path.join(ROOT, "deploy/systemd/grievance-server.service"), encoding="utf-8") as f:
        server = f.read()
    for line in ("User=grievance", "Group=grievance", "StateDirectory=grievance", "StateDirectoryMode=2770", "UMask=0007",
                 "LimitCORE=0", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes"):
        if not re.search(rf"^{re.escape(line)}$", server, re.M):
            fail(f"deploy/systemd/grievance-server.service lacks {line}")
    say(f"systemd-analyze verify: {len(UNITS)} units, nothing to say")


def install(configuration, prefix, log):
    def script(*arguments, environment=None):
        done = subprocess.run([os.path.join(ROOT, "scripts/install"), *arguments, "--configuration", configuration],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, timeout=3600, env=environment)
        if done.returncode != 0:
            fail(f"scripts/install {' '.join(arguments)} exited {done.returncode}; see {log.name}")

    script("--prefix", prefix)
    for path in ("bin/grievance-server", "bin/grievance-cli", "bin/Grievance_grievance-server.resources/Catalogs/en.json",
                 "bin/Grievance_Summaries.resources/Catalogs/en.json", "share/grievance/policies/grievance-procedure.yaml",
                 "share/grievance/policies/code-of-conduct.en.md", "share/grievance/deploy/nginx/grievance.conf",
                 "share/grievance/deploy/caddy/Caddyfile", *(f"share/grievance/deploy/systemd/{unit}" for unit in UNITS)):
        if not os.path.exists(os.path.join(prefix, path)):
            fail(f"scripts/install put no {path} under {prefix}")
    # A packager's staging: files under DESTDIR, paths inside them for the final prefix.
    stage = os.path.join(os.path.dirname(prefix), "stage")
    script("--prefix", "/opt/grievance", environment=dict(os.environ, DESTDIR=stage))
    with open(os.path.join(stage, "opt/grievance/share/grievance/deploy/systemd/grievance-server.service"), encoding="utf-8") as f:
        if "ExecStart=/opt/grievance/bin/grievance-server " not in f.read():
            fail("with DESTDIR, the installed unit does not name /opt/grievance/bin/grievance-server")
    if not os.access(os.path.join(stage, "opt/grievance/bin/grievance-server"), os.X_OK):
        fail("with DESTDIR, no executable under DESTDIR/opt/grievance/bin")
    say(f"scripts/install --prefix {prefix} (and DESTDIR staging for /opt/grievance): every file in place")


class Installation:
    """The installed programs, run from `scratch` (no ./policies there) with the checkout hidden."""

    def __init__(self, prefix, scratch, hidden):
        self.prefix, self.scratch, self.hidden = prefix, scratch, hidden
        self.cli = os.path.join(prefix, "bin/grievance-cli")
        self.server = os.path.join(prefix, "bin/grievance-server")
        self.data = os.path.join(scratch, "data")
        self.passphrase = secrets.token_urlsafe(18)
        self.environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch,
                            "XDG_STATE_HOME": os.path.join(scratch, "state"), "GRIEVANCE_DATA_DIR": self.data,
                            "GRIEVANCE_PASSPHRASE": self.passphrase}

    def cli_run(self, *arguments, program=None, extra=None, check=True):
        done = run(self.hidden([program or self.cli, *arguments]), timeout=120, cwd=self.scratch,
                   env=dict(self.environment, **(extra or {})))
        if check and done.returncode != 0:
            fail(f"grievance-cli {' '.join(arguments[:3])} exited {done.returncode}: {done.stderr.strip()}")
        return done

    def make_data_directory(self):
        # No --policy: the procedure comes from PREFIX/share/grievance/policies.
        made = self.cli_run("init", "--org", "Deploy Test", "--admin", "rosa", "--key-cost", "interactive",
                            "--recovery-key-out", os.path.join(self.scratch, "recovery-key.txt"),
                            "--org-key-out", os.path.join(self.scratch, "organisation-key"), "--json")
        procedure = os.path.join(self.data, "procedure.yaml")
        with open(procedure, "rb") as a, open(os.path.join(self.prefix, "share/grievance/policies/grievance-procedure.yaml"), "rb") as b:
            if a.read() != b.read():
                fail("init did not put the installed procedure in force")
        for person, role in (("amina", "handler"), ("exec", "executive")):
            added = self.cli_run("handler", "add", person, "--name", person.title(), "--role", role, "--as", "rosa", "--json")
            code = json.loads(added.stdout)["enrolment_code"]
            self.cli_run("enrol", "--as", person, "--code", code, extra={"GRIEVANCE_NEW_PASSPHRASE": self.passphrase})
        checked = self.cli_run("policy", "check", "--json")
        if not json.loads(checked.stdout).get("file", "").startswith(os.path.join(self.prefix, "share/grievance/policies")):
            fail(f"policy check without a file did not read the installed procedure: {checked.stdout}")
        return json.loads(made.stdout)

    def start_server(self, log_path, *extra):
        log = open(log_path, "ab")
        process = subprocess.Popen(
            self.hidden([self.server, "--data-dir", self.data, "--port", "0", "--trusted-proxy", "127.0.0.1",
                         "--org-key", os.path.join(self.scratch, "organisation-key"), *extra]),
            cwd=self.scratch, stdout=log, stderr=subprocess.STDOUT, env={"PATH": self.environment["PATH"]})
        log.close()
        deadline = time.time() + 60
        while time.time() < deadline:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                ports = re.findall(r"listening on 127\.0\.0\.1:(\d+)", f.read())
            if ports:
                return process, int(ports[-1])
            if process.poll() is not None:
                break
            time.sleep(0.05)
        stop(process)
        with open(log_path, encoding="utf-8", errors="replace") as f:
            fail(f"the installed server did not start:\n{f.read()[-2000:]}")

    def check_without_share(self):
        """A copy of bin/ alone: both programs refuse, naming where they looked."""
        bare = os.path.join(self.scratch, "bare")
        shutil.copytree(os.path.join(self.prefix, "bin"), os.path.join(bare, "bin"), symlinks=True)
        looked = f"./policies, then {os.path.join(bare, 'share/grievance/policies')}"
        made = self.cli_run("init", "--org", "X", "--admin", "rosa", "--data-dir", os.path.join(self.scratch, "never"),
                            program=os.path.join(bare, "bin/grievance-cli"), check=False)
        if made.returncode == 0 or looked not in made.stderr:
            fail(f"init without installed policies should name {looked}: exit {made.returncode}, {made.stderr.strip()}")
        served = run(self.hidden([os.path.join(bare, "bin/grievance-server"), "--data-dir", self.data, "--port", "0",
                                  "--org-key", os.path.join(self.scratch, "organisation-key")]),
                     timeout=60, cwd=self.scratch, env={"PATH": self.environment["PATH"]})
        if served.returncode == 0 or looked not in served.stderr + served.stdout:
            fail(f"the server without installed policies should name {looked}: exit {served.returncode}, {(served.stderr + served.stdout).strip()[-600:]}")
        shutil.rmtree(bare)
        say(f"without share/grievance: both programs refuse and say they looked in {looked}")


def stop(process, timeout=20):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def multipart(marker, payload, boundary):
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nharassment\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n{marker}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"evidence.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode()
    return head + payload + f"\r\n--{boundary}--\r\n".encode()


def spool_files(data):
    spool = os.path.join(data, "spool")
    return os.listdir(spool) if os.path.isdir(spool) else []


def receipt_of(page):
    receipt = re.search(r'class="receipt"[^>]*><strong>([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})</strong>', page)
    reference = re.search(r'class="reference"[^>]*>([A-Z0-9-]+)<', page)
    if not receipt or not reference:
        fail(f"no receipt in the answer:\n{page[:1500]}")
    return receipt.group(1), reference.group(1)


def upload_http1(nginx, context, installation, marker, payload):
    """The form over HTTP/1.1, sent in two halves: between them, nothing of it in nginx's
    temporary folders, and the server already spooling it (so nginx is streaming, not holding)."""
    boundary = "deploytest" + secrets.token_hex(8)
    body = multipart(marker, payload, boundary)
    connection = http.client.HTTPSConnection("127.0.0.1", nginx.tls_port, context=context, timeout=60)
    try:
        connection.putrequest("POST", "/complaints?lang=en")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        half = len(body) // 2
        connection.send(body[:half])
        deadline = time.time() + 20
        while not spool_files(installation.data) and time.time() < deadline:
            time.sleep(0.05)
        if not spool_files(installation.data):
            fail("half-way through an upload the server had spooled nothing: nginx is holding the body back")
        time.sleep(0.5)
        if nginx.body_files():
            fail(f"half-way through an upload nginx has written it to disk: {nginx.body_files()}")
        connection.send(body[half:])
        response = connection.getresponse()
        page = response.read().decode("utf-8", errors="replace")
        if response.status != 201:
            fail(f"the form through nginx (HTTP/1.1) answered {response.status}:\n{page[:1500]}")
        return receipt_of(page)
    finally:
        connection.close()


def upload_http2(nginx, certificate, installation, marker, payload, scratch):
    """The same over HTTP/2, as browsers send it, by curl at 1 MB/s so the upload is watched while
    it arrives."""
    boundary = "deploytest" + secrets.token_hex(8)
    body_path = os.path.join(scratch, "body.bin")
    with open(body_path, "wb") as f:
        f.write(multipart(marker, payload, boundary))
    page_path = os.path.join(scratch, "page.html")
    curl = subprocess.Popen(["curl", "--silent", "--show-error", "--http2", "--cacert", certificate, "--limit-rate", "1M",
                             "--max-time", "60", "--output", page_path, "--write-out", "%{http_code} %{http_version}",
                             "--header", f"Content-Type: multipart/form-data; boundary={boundary}",
                             "--data-binary", f"@{body_path}", f"https://127.0.0.1:{nginx.tls_port}/complaints?lang=en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = 0
    try:
        while curl.poll() is None:
            if nginx.body_files():
                fail(f"while an HTTP/2 upload arrived nginx wrote it to disk: {nginx.body_files()}")
            watched += 1
            time.sleep(0.1)
        out, err = curl.communicate(timeout=60)
    finally:
        if curl.poll() is None:
            curl.kill()
            curl.wait(timeout=10)
    status, version = (out.split() + ["", ""])[:2]
    with open(page_path, encoding="utf-8", errors="replace") as f:
        page = f.read()
    if curl.returncode != 0 or status != "201" or version != "2":
        fail(f"the form through nginx over HTTP/2: curl exit {curl.returncode}, status {status}, HTTP/{version}: {err.strip()}\n{page[:800]}")
    if watched < 10:
        fail(f"the HTTP/2 upload was over too soon to be watched ({watched} looks)")
    return receipt_of(page)


def https_request(nginx, context, method, path, body=None, headers=None):
    connection = http.client.HTTPSConnection("127.0.0.1", nginx.tls_port, context=context, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def check_limits(nginx, context, limits):
    """nginx refuses, without reading them, bodies the server would refuse for their size."""
    def refused(path, length, content_type):
        connection = http.client.HTTPSConnection("127.0.0.1", nginx.tls_port, context=context, timeout=30)
        try:
            connection.putrequest("POST", path)
            connection.putheader("Content-Type", content_type)
            connection.putheader("Content-Length", str(length))
            connection.endheaders()
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Server", "")
        finally:
            connection.close()

    status, server = refused("/complaints", limits["multipartBodyBytes"] + 1, "multipart/form-data; boundary=x")
    if status != 413 or "nginx" not in server:
        fail(f"a form one byte over the server's limit ({limits['multipartBodyBytes']}) got {status} from {server!r}, not nginx's 413")
    status, server = refused("/api/v1/complaints", limits["jsonBodyBytes"] + 1, "application/json")
    if status != 413 or "nginx" not in server:
        fail(f"JSON one byte over the server's limit ({limits['jsonBodyBytes']}) got {status} from {server!r}, not nginx's 413")
    # Within the limit, nginx lets it through to the server, which answers for itself.
    small = json.dumps({"category": "harassment", "description": "x" * 100}).encode()
    status, answer, headers = https_request(nginx, context, "POST", "/api/v1/complaints", small, {"Content-Type": "application/json"})
    if status != 201:
        fail(f"a small JSON filing through nginx answered {status}: {answer[:300]!r}")
    with open(os.path.join(ROOT, "deploy/nginx/grievance.conf"), encoding="utf-8") as f:
        shipped = f.read()
    for value in (limits["multipartBodyBytes"], limits["formBodyBytes"]):
        if f"client_max_body_size {value};" not in shipped:
            fail(f"deploy/nginx/grievance.conf has no client_max_body_size {value}; (the server's limit)")
    with open(os.path.join(ROOT, "deploy/caddy/Caddyfile"), encoding="utf-8") as f:
        caddy = f.read()
    for value in (limits["multipartBodyBytes"], limits["formBodyBytes"]):
        if f"max_size {value}\n" not in caddy:
            fail(f"deploy/caddy/Caddyfile has no max_size {value} (the server's limit)")
    say(f"limits: nginx refuses {limits['multipartBodyBytes'] + 1} bytes to /complaints and {limits['jsonBodyBytes'] + 1} to the API, as the server would")


def check_caddy(limits, scratch):
    """The shipped Caddyfile as Caddy reads it: valid, no access log, the server's body limits
    where they belong, request bodies not buffered."""
    home = os.path.join(scratch, "caddy")
    os.makedirs(home, exist_ok=True)
    environment = dict(os.environ, HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
    caddyfile = os.path.join(ROOT, "deploy/caddy/Caddyfile")
    validated = run(["caddy", "validate", "--config", caddyfile, "--adapter", "caddyfile"], timeout=60, env=environment)
    if validated.returncode != 0 or "Valid configuration" not in validated.stdout + validated.stderr:
        fail(f"caddy validate refuses deploy/caddy/Caddyfile:\n{validated.stderr[-1500:]}")
    adapted = run(["caddy", "adapt", "--config", caddyfile, "--adapter", "caddyfile"], timeout=60, env=environment)
    if adapted.returncode != 0:
        fail(f"caddy adapt: {adapted.stderr[-800:]}")
    configuration = json.loads(adapted.stdout)
    if "logging" in configuration:
        fail("deploy/caddy/Caddyfile configures logging")
    handlers = []

    def walk(node, match):
        if isinstance(node, dict):
            if "handler" in node:
                handlers.append((node, match))
            for key, value in node.items():
                walk(value, node.get("match", match) if key == "handle" else match)
        elif isinstance(node, list):
            for value in node:
                walk(value, match)

    for name, server in configuration["apps"]["http"]["servers"].items():
        if server.get("logs") is not None:
            fail(f"deploy/caddy/Caddyfile keeps an access log (server {name})")
        walk(server.get("routes", []), None)
    bodies = {json.dumps(match, sort_keys=True): handler["max_size"] for handler, match in handlers if handler["handler"] == "request_body"}
    expected = {json.dumps([{"path": ["/complaints"]}], sort_keys=True): limits["multipartBodyBytes"],
                json.dumps([{"not": [{"path": ["/complaints"]}]}], sort_keys=True): limits["formBodyBytes"]}
    if bodies != expected:
        fail(f"deploy/caddy/Caddyfile's body limits {bodies} are not the server's {expected}")
    proxies = [handler for handler, _ in handlers if handler["handler"] == "reverse_proxy"]
    if len(proxies) != 1 or any(key in proxies[0] for key in ("request_buffers", "buffer_requests")):
        fail(f"deploy/caddy/Caddyfile should have one reverse_proxy that does not buffer requests: {proxies}")
    say("deploy/caddy/Caddyfile: valid, no access log, the server's body limits, request bodies streamed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configuration", choices=["debug", "release"], default="release")
    arguments = parser.parse_args()
    for tool in ("nginx", "caddy", "openssl", "systemd-analyze", "curl", "unshare"):
        if shutil.which(tool) is None:
            fail(f"{tool} is not installed (scripts/lib/ensure-packages.sh installs the test packages)")
    limits = server_limits()
    scratch = tempfile.mkdtemp(prefix="grievance-deploy-")
    os.chmod(scratch, 0o755)  # nginx's workers (nobody, when run as root) read nothing here but must reach their folders
    server = nginx = None
    log = open(os.path.join(scratch, "install.log"), "w")
    try:
        prefix = os.path.join(scratch, "prefix")
        install(arguments.configuration, prefix, log)
        check_units(prefix, scratch)
        check_caddy(limits, scratch)

        hidden = Hidden()
        work = os.path.join(scratch, "work")
        os.makedirs(work, mode=0o700)
        installation = Installation(prefix, work, hidden)
        made = installation.make_data_directory()
        say(f"installed grievance-cli init from {work}{' with the checkout hidden' if hidden.enabled else ''}: {made['data_dir']}")
        installation.check_without_share()
        server, server_port = installation.start_server(os.path.join(scratch, "server.log"))

        certificate, key = make_certificate(scratch)
        nginx_folder = os.path.join(scratch, "nginx")
        os.makedirs(nginx_folder)
        nginx = Nginx(nginx_folder, certificate, key, [server_port])
        nginx.start()
        context = ssl.create_default_context(cafile=certificate)

        payload = secrets.token_bytes(ATTACHMENT_BYTES)
        marker_one, marker_two = "deploy-marker-" + secrets.token_hex(8), "deploy-marker-" + secrets.token_hex(8)
        receipt_one, reference_one = upload_http1(nginx, context, installation, marker_one, payload)
        say(f"HTTP/1.1: a report with a {ATTACHMENT_BYTES // (1024 * 1024)} MB attachment filed through nginx, streamed, nothing on nginx's disk: {reference_one}")
        receipt_two, reference_two = upload_http2(nginx, certificate, installation, marker_two, payload, scratch)
        say(f"HTTP/2: the same, watched as it arrived at 1 MB/s: {reference_two}")

        status, answer, _ = https_request(nginx, context, "POST", "/api/v1/follow-up", json.dumps({"receipt": receipt_one}).encode(),
                                          {"Content-Type": "application/json"})
        if status != 200 or json.loads(answer).get("reference") != reference_one:
            fail(f"following up the receipt through nginx answered {status}: {answer[:300]!r}")
        for reference in (reference_one, reference_two):
            shown = json.loads(installation.cli_run("case", "show", reference, "--json", "--as", "amina").stdout)
            attachments = shown.get("attachments", [])
            if len(attachments) != 1 or attachments[0].get("size") != ATTACHMENT_BYTES:
                fail(f"{reference} as the handler sees it should hold one attachment of {ATTACHMENT_BYTES} bytes: {attachments}")
            out = os.path.join(work, f"{reference}.png")
            installation.cli_run("case", "attachment", reference, str(attachments[0]["sequence"]), "--out", out, "--as", "amina")
            with open(out, "rb") as f:
                if hashlib.sha256(f.read()).digest() != hashlib.sha256(payload).digest():
                    fail(f"the attachment of {reference} as the handler decrypts it is not what was sent")
        say("the receipt follows the case up through nginx; the handler decrypts both attachments, byte for byte what was sent")
        # A summary needs a signed checkpoint, and loads the Summaries catalogues from the installation.
        installation.cli_run("audit", "checkpoint", "--as", "rosa")
        summary = installation.cli_run("summary", "--period", str(time.gmtime().tm_year - 1), "--as", "exec", "--format", "markdown")
        if not summary.stdout.strip():
            fail("the installed grievance-cli wrote no summary")

        check_limits(nginx, context, limits)
        status, _, headers = run_plain(nginx.http_port)
        if status != 301 or not headers.get("location", "").startswith("https://"):
            fail(f"plain HTTP answered {status} {headers.get('location')!r}, not a redirect to HTTPS")

        nginx.stop()
        if nginx.body_files():
            fail(f"nginx left request bodies on disk: {nginx.body_files()}")
        if os.path.exists(nginx.access_log) and os.path.getsize(nginx.access_log) > 0:
            fail(f"nginx wrote an access log ({nginx.access_log}) despite the shipped access_log off")
        with open(os.path.join(scratch, "server.log"), encoding="utf-8", errors="replace") as f:
            logged = f.read()
        for secret in (marker_one, marker_two, receipt_one, receipt_two):
            if secret in logged:
                fail("the server's log holds what a reporter sent or their receipt")
        if "the organisation key is not pinned" in logged:
            fail("the installed server did not pin the organisation key it was given")
        say("nginx wrote no access log and left nothing in its temporary folders")
        print("nginx_test: 1 passed, 0 failed", flush=True)
    finally:
        if nginx is not None:
            nginx.stop()
        stop(server)
        log.close()
        if sys.exc_info()[0] is None:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            say(f"kept {scratch} for a look")


def run_plain(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/?lang=en")
        response = connection.getresponse()
        response.read()
        return response.status, None, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


if __name__ == "__main__":
    main()
