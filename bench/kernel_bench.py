"""make bench for the kernel: fountain and Debian's ipykernel side by side,
driven by the same jupyter_client harness in one run. Prints one line per
case: NAME: fountain=X ipykernel=Y ratio=R (ratio = fountain / ipykernel)."""

import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel

STARTS = int(os.environ.get("BENCH_STARTS", "5"))
CELLS = int(os.environ.get("BENCH_CELLS", "300"))
MEM_CELLS = int(os.environ.get("BENCH_MEM_CELLS", "10000"))

PEERS = {"fountain": "1 + 1", "ipykernel": "1 + 1"}
KERNELS = {"fountain": "fountain", "ipykernel": "python3"}


def startup(kernel):
    """Seconds from launch to the kernel_info_reply."""
    times = []
    for _ in range(STARTS):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=60)
        times.append(time.perf_counter() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(times)


def roundtrip(kc, code, n):
    """p50 seconds of execute_request -> reply and idle."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        kc.execute_interactive(code, timeout=30, output_hook=lambda m: None)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
        r = {"startup": startup(kernel)}
        km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=60)
        try:
            for _ in range(20):  # warm up
                kc.execute_interactive(PEERS[name], timeout=30, output_hook=lambda m: None)
            r["roundtrip"] = roundtrip(kc, PEERS[name], CELLS)
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
    print("kernel-rss-growth-%dcells: fountain=%.1fMB ipykernel=%.1fMB (target fountain < 50MB)" % (
        MEM_CELLS, f["rss_growth_mb"], p["rss_growth_mb"]))


if __name__ == "__main__":
    main()
