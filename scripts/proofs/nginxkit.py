"""The real nginx with the SHIPPED deploy/nginx/grievance.conf, for the deployment test
(Tests/Deploy/nginx_test.py) and the proof of several instances (instances.py): only its
certificate paths, listening ports, upstream ports, error log and webroot replaced, inside an
http block that logs every request as Debian's nginx.conf does (the shipped file must turn that
off). Standard library only; loopback only."""
import os
import re
import signal
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIPPED = os.path.join(ROOT, "deploy/nginx/grievance.conf")
# The upstream's one active line as shipped; each instance gets a copy of it, parameters kept.
UPSTREAM_SERVER = re.compile(r"^(\s*)server 127\.0\.0\.1:8080((?: [^;\n]+)?);$", re.M)


class NginxError(SystemExit):
    def __init__(self, message):
        super().__init__(f"nginx: FAILED: {message}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1 and localhost, valid a day: (certificate, key)."""
    certificate, key = os.path.join(folder, "certificate.pem"), os.path.join(folder, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
                           "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], capture_output=True, text=True, timeout=60)
    if made.returncode != 0:
        raise NginxError(f"openssl: {made.stderr}")
    return certificate, key


class Nginx:
    """nginx in the foreground, its prefix, temporary folders and logs in `folder`, in front of
    grievance-server instances on `upstream_ports` of 127.0.0.1 (one line each in the upstream,
    with the shipped line's parameters). `folder` must be reachable by nginx's workers (nobody,
    when run as root)."""

    def __init__(self, folder, certificate, key, upstream_ports):
        self.folder = folder
        self.tls_port, self.http_port = free_port(), free_port()
        self.temp = {name: os.path.join(folder, name) for name in ("client_body_temp", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp")}
        self.access_log = os.path.join(folder, "access.log")
        self.error_log = os.path.join(folder, "error.log")
        second = "[::1]" if ipv6_loopback() else "127.0.0.2"
        with open(SHIPPED, encoding="utf-8") as f:
            shipped = f.read()
        replacements = {
            "/etc/ssl/grievance/fullchain.pem": certificate,
            "/etc/ssl/grievance/privkey.pem": key,
            "listen 443 ssl http2;": f"listen 127.0.0.1:{self.tls_port} ssl http2;",
            "listen [::]:443 ssl http2;": f"listen {second}:{self.tls_port} ssl http2;",
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen [::]:80;": f"listen {second}:{self.http_port};",
            "/var/log/nginx/grievance-error.log": self.error_log,
            "/var/www/letsencrypt": os.path.join(folder, "acme"),
        }
        for placeholder, value in replacements.items():
            if placeholder not in shipped:
                raise NginxError(f"deploy/nginx/grievance.conf no longer holds {placeholder!r}: update scripts/proofs/nginxkit.py with it")
            shipped = shipped.replace(placeholder, value)
        if len(UPSTREAM_SERVER.findall(shipped)) != 1:
            raise NginxError("deploy/nginx/grievance.conf should have one active `server 127.0.0.1:8080 …;` line in its upstream")
        shipped = UPSTREAM_SERVER.sub(lambda line: "\n".join(f"{line.group(1)}server 127.0.0.1:{port}{line.group(2)};" for port in upstream_ports),
                                      shipped)
        with open(os.path.join(folder, "grievance.conf"), "w", encoding="utf-8") as f:
            f.write(shipped)
        temp_paths = "\n".join(f"    {name}_path {path};" for name, path in self.temp.items())
        self.configuration = os.path.join(folder, "nginx.conf")
        with open(self.configuration, "w", encoding="utf-8") as f:
            f.write(f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.access_log};
{temp_paths}
    include {folder}/grievance.conf;
}}
""")
        self.process = None

    def arguments(self, *extra):
        return ["nginx", "-p", self.folder + "/", "-c", self.configuration, "-e", self.error_log, *extra]

    def start(self):
        tested = subprocess.run(self.arguments("-t"), capture_output=True, text=True, timeout=60)
        if tested.returncode != 0:
            raise NginxError(f"nginx -t refuses the shipped configuration:\n{tested.stderr}")
        self.process = subprocess.Popen(self.arguments(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise NginxError(f"nginx stopped at once:\n{self.process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.tls_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise NginxError("nginx did not listen within 30 s")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)

    def workers(self):
        try:
            with open(f"/proc/{self.process.pid}/task/{self.process.pid}/children") as f:
                return [int(pid) for pid in f.read().split()]
        except OSError:
            return []

    def body_files(self):
        """Files in the temporary folders, and files there that a worker holds open (a file
        written and deleted at once would otherwise go unseen)."""
        found = []
        for folder in self.temp.values():
            for parent, _, names in os.walk(folder):
                found += [os.path.join(parent, name) for name in names]
        for pid in [self.process.pid, *self.workers()]:
            try:
                for fd in os.listdir(f"/proc/{pid}/fd"):
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if any(target.startswith(folder) for folder in self.temp.values()):
                        found.append(f"{target} (open in nginx {pid})")
            except OSError:
                continue
        return found
