"""What the proofs share: a data directory made by grievance-cli (its tables in SQLite, or in a
PostgreSQL database), a second instance's copy of it, grievance-server started on a port of
127.0.0.1 and stopped, requests that report a cut connection as status 0, and the resident
memory and CPU time of a process. Standard library only; loopback only."""
import copy
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request


class DataDirectory:
    """A data directory at `path`, made with one administrator and the shipped procedure; its
    tables in the PostgreSQL `database` (postgres://USER@HOST:PORT/DB, the password in
    `password_file`, named to every program by GRIEVANCE_DATABASE_PASSWORD_FILE) if given, else
    in SQLite inside it."""

    # What each instance's machine holds of a data directory whose tables are in PostgreSQL.
    instance_files = ("config.json", "pepper", "procedure.yaml")

    def __init__(self, bin_dir, policies, path, scratch, org="Proof", database=None, password_file=None):
        self.cli = os.path.join(bin_dir, "grievance-cli")
        self.path = path
        self.environment = dict(os.environ, GRIEVANCE_DATA_DIR=path, GRIEVANCE_PASSPHRASE=secrets.token_urlsafe(18))
        # The database's password reaches the programs as a deployment gives it: by the file the
        # environment names (or /etc/grievance/database-password), never by config.json.
        if password_file:
            self.environment["GRIEVANCE_DATABASE_PASSWORD_FILE"] = password_file
        engine = ["--database", database] if database else []
        subprocess.run([self.cli, "init", "--org", org, "--admin", "rosa", "--key-cost", "interactive",
                        "--policy", os.path.join(policies, "grievance-procedure.yaml"), *engine,
                        "--recovery-key-out", os.path.join(scratch, f"recovery-key-{secrets.token_hex(4)}.txt")],
                       env=self.environment, check=True, stdout=subprocess.DEVNULL)
        # A handler, who receives the harassment reports filed over the web: added by rosa,
        # who gets a one-time code, then enrolled by amina with her own passphrase (the same
        # one here, so that `run` may act as either).
        added = self.run("handler", "add", "amina", "--name", "Amina Njeri", "--role", "handler", "--json")
        if added.returncode != 0:
            raise SystemExit(f"handler add: {added.stderr}")
        code = json.loads(added.stdout)["enrolment_code"]
        enrolled = subprocess.run([self.cli, "enrol", "--as", "amina", "--code", code], capture_output=True, text=True,
                                  env=dict(self.environment, GRIEVANCE_NEW_PASSPHRASE=self.environment["GRIEVANCE_PASSPHRASE"]))
        if enrolled.returncode != 0:
            raise SystemExit(f"enrol: {enrolled.stderr}")

    def copy_to(self, path):
        """Another instance's data directory over the same tables, as docs/OPERATIONS.md makes
        it: a folder closed to others with copies of config.json, the pepper and the procedure,
        modes kept. The same people, with the same passphrases, work through either."""
        os.mkdir(path, 0o700)
        for name in self.instance_files:
            shutil.copy2(os.path.join(self.path, name), os.path.join(path, name))
        twin = copy.copy(self)
        twin.path = path
        twin.environment = dict(self.environment, GRIEVANCE_DATA_DIR=path)
        return twin

    def run(self, *arguments, actor="rosa"):
        """A grievance-cli command, as rosa (the administrator) or amina (a handler); its completed process."""
        return subprocess.run([self.cli, *arguments, "--as", actor], env=self.environment, capture_output=True, text=True)

    def verify(self):
        """`audit verify --json`: (valid, entries)."""
        report = json.loads(self.run("audit", "verify", "--json").stdout or "{}")
        return bool(report.get("valid")), report.get("entries", 0)


class Server:
    """grievance-server over `data` on `port` (0: any free one), rate limits out of the way,
    its output appended to `log`."""

    def __init__(self, bin_dir, data, policies, log, *extra, port=0):
        log.flush()
        offset = os.path.getsize(log.name)
        self.process = subprocess.Popen(
            [os.path.join(bin_dir, "grievance-server"), "--data-dir", data, "--port", str(port), "--policies", policies,
             "--filing-burst", "1000000", "--filing-interval", "0.000001",
             "--follow-up-burst", "1000000", "--follow-up-interval", "0.000001", *extra],
            stdout=log, stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if not k.startswith("GRIEVANCE_") or k == "GRIEVANCE_DATABASE_PASSWORD_FILE"})
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(log.name, encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                ports = re.findall(r"listening on 127\.0\.0\.1:(\d+)", f.read())
            if ports:
                self.port = int(ports[-1])
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.process.kill()
        raise SystemExit(f"the server did not start; see {log.name}")

    @property
    def pid(self):
        return self.process.pid

    def post(self, path, body, timeout=10):
        """POSTs JSON; (status, answer, headers), status 0 when the connection was cut."""
        return request(self.port, path, json.dumps(body).encode(), "application/json", timeout)

    def stop(self, signal_number=15):
        if self.process.poll() is None:
            self.process.send_signal(signal_number)
        return self.process.wait()


def request(port, path, data, content_type, timeout=10, tls=None):
    """One POST, over HTTPS when `tls` (an ssl.SSLContext) is given; (status, JSON answer or {},
    headers), status 0 when the connection was cut."""
    scheme = "https" if tls else "http"
    attempt = urllib.request.Request(f"{scheme}://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(attempt, timeout=timeout, context=tls) as response:
            body = response.read()
            return response.status, _json(body), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read()), dict(error.headers)
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError, ValueError):
        return 0, {}, {}


def _json(body):
    try:
        return json.loads(body or b"{}")
    except ValueError:
        return {}


def resident_kib(pid):
    """VmRSS of a process, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """User and system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
