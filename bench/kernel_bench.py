"""make bench for the kernel: fountain and Debian's ipykernel side by side,
driven by the same harness in one run. Prints one line per case:
NAME: fountain=X ipykernel=Y ratio=R (ratio = fountain / ipykernel).

The round trip is timed with a lean client (bare ZeroMQ sockets; each
message's signature checked and its JSON parsed), and for reference with
jupyter_client's Session decoding each message too, which parses every date
in the headers: on this kind of machine about 0.1 ms a message, five
messages a cell, the same for both kernels, which is the client's time, not
the kernel's."""

import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

STARTS = int(os.environ.get("BENCH_STARTS", "5"))
CELLS = int(os.environ.get("BENCH_CELLS", "300"))
MEM_CELLS = int(os.environ.get("BENCH_MEM_CELLS", "10000"))

TRIVIAL = "1 + 1"  # the same cell in Go and in Python
KERNELS = {"fountain": "fountain", "ipykernel": "python3"}


def startup(kernel):
    """Seconds from launching the kernel process to its kernel_info_reply,
    with a bare ZeroMQ client that asks every 5 ms (jupyter_client's own
    start-up polling would dominate the figure)."""
    spec = KernelSpecManager().get_kernel_spec(kernel)
    times = []
    for _ in range(STARTS):
        with tempfile.TemporaryDirectory() as tmp:
            cf = os.path.join(tmp, "kernel.json")
            ports = [free_port() for _ in range(5)]
            key = "bench-key"
            info = dict(transport="tcp", ip="127.0.0.1", shell_port=ports[0], iopub_port=ports[1],
                        stdin_port=ports[2], control_port=ports[3], hb_port=ports[4],
                        key=key, signature_scheme="hmac-sha256", kernel_name=kernel)
            with open(cf, "w") as f:
                json.dump(info, f)
            argv = [a.replace("{connection_file}", cf) for a in spec.argv]
            session = Session(key=key.encode())
            ctx = zmq.Context()
            sock = ctx.socket(zmq.DEALER)
            sock.linger = 0
            sock.reconnect_ivl = 1  # ms: the default 100 ms retry would dominate
            sock.connect("tcp://127.0.0.1:%d" % ports[0])
            t = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                while True:
                    session.send(sock, "kernel_info_request", {})
                    if sock.poll(5):
                        session.recv(sock)
                        break
                times.append(time.perf_counter() - t)
            finally:
                proc.kill()
                proc.wait()
                sock.close()
                ctx.term()
    return statistics.median(times)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Client:
    """Bare ZeroMQ shell and iopub sockets on one kernel: the same harness
    for both kernels, with no client machinery of its own in the figure."""

    def __init__(self, km, ctx):
        ci = km.get_connection_info()
        self.key = ci["key"] if isinstance(ci["key"], bytes) else ci["key"].encode()
        self.session = Session(key=ci["key"])
        self.shell = ctx.socket(zmq.DEALER)
        self.shell.connect("tcp://%s:%d" % (ci["ip"], ci["shell_port"]))
        self.iopub = ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect("tcp://%s:%d" % (ci["ip"], ci["iopub_port"]))
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def close(self):
        self.shell.close(0)
        self.iopub.close(0)

    def recv_lean(self, sock):
        """A message as a lean client reads it: signature checked, header,
        parent header and content parsed as JSON."""
        frames = sock.recv_multipart()
        i = frames.index(b"<IDS|MSG>")
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for f in frames[i + 2:i + 6]:
            mac.update(f)
        if not hmac.compare_digest(mac.hexdigest().encode(), frames[i + 1]):
            raise RuntimeError("bad signature from the kernel")
        return {"header": json.loads(frames[i + 2]), "parent_header": json.loads(frames[i + 3]),
                "content": json.loads(frames[i + 5])}

    def recv_jupyter_client(self, sock):
        """A message as jupyter_client's Session decodes it (which also
        parses every date in the headers)."""
        return self.session.recv(sock)[1]

    def cell(self, code, recv):
        """Seconds from sending execute_request to having both its
        execute_reply and its status idle."""
        t = time.perf_counter()
        msg = self.session.send(self.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False})
        msg_id = msg["header"]["msg_id"]
        replied = idle = False
        while not (replied and idle):
            for sock, _ in self.poller.poll(30000):
                m = recv(self, sock)
                if m is None or m["parent_header"].get("msg_id") != msg_id:
                    continue
                if sock is self.shell:
                    replied = True
                elif m["header"]["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    idle = True
        return time.perf_counter() - t


def roundtrip(client, code, n, recv):
    """p50 seconds of a cell's round trip."""
    return statistics.median(client.cell(code, recv) for _ in range(n))


def tree_rss_kb(pid):
    """RSS of a process and its children, in KiB."""
    total = 0
    pids = [str(pid)]
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
        pids += out.split()
    except OSError:
        pass
    for p in pids:
        try:
            with open("/proc/%s/status" % p) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def main():
    results = {}
    for name, kernel in KERNELS.items():
        # One kernel at a time: with both up and taking turns, each one's
        # work after a cell (ipykernel's history thread) weighed on the
        # other's next cell.
        r = {"startup": startup(kernel)}
        km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=60)
        try:
            ctx = zmq.Context()
            client = Client(km, ctx)
            try:
                time.sleep(0.3)  # let the subscription settle
                roundtrip(client, TRIVIAL, 20, Client.recv_lean)  # warm up
                r["roundtrip"] = roundtrip(client, TRIVIAL, CELLS, Client.recv_lean)
                r["roundtrip_jc"] = roundtrip(client, TRIVIAL, CELLS, Client.recv_jupyter_client)
            finally:
                # Closed before the memory run: a subscriber nobody reads
                # makes the kernel hold what it sends it (up to its
                # backlog's bound), which is not the cells' memory.
                client.close()
                ctx.term()
            pid = km.provisioner.process.pid
            before = tree_rss_kb(pid)
            for _ in range(MEM_CELLS):
                kc.execute_interactive("x := 1" if name == "fountain" else "x = 1", timeout=30, output_hook=lambda m: None)
            r["rss_growth_mb"] = (tree_rss_kb(pid) - before) / 1024
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        results[name] = r
    f, p = results["fountain"], results["ipykernel"]
    print("kernel-startup: fountain=%.1fms ipykernel=%.1fms ratio=%.3f (target <= 0.1)" % (
        f["startup"] * 1e3, p["startup"] * 1e3, f["startup"] / p["startup"]))
    print("kernel-roundtrip-p50: fountain=%.2fms ipykernel=%.2fms ratio=%.3f (target <= 0.25)" % (
        f["roundtrip"] * 1e3, p["roundtrip"] * 1e3, f["roundtrip"] / p["roundtrip"]))
    print("kernel-roundtrip-p50-jupyter_client-decoding: fountain=%.2fms ipykernel=%.2fms ratio=%.3f "
          "(for reference: the client parses every header date)" % (
              f["roundtrip_jc"] * 1e3, p["roundtrip_jc"] * 1e3, f["roundtrip_jc"] / p["roundtrip_jc"]))
    print("kernel-rss-growth-%dcells: fountain=%.1fMB ipykernel=%.1fMB (target fountain < 50MB)" % (
        MEM_CELLS, f["rss_growth_mb"], p["rss_growth_mb"]))


if __name__ == "__main__":
    main()
