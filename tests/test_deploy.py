"""The workshop's deployment: docker-compose.yml validates with Debian's
docker-compose, everything the compose file and the Dockerfile reference
(commands and their flags, paths, ports, the broker address) exists in the
project, and `make demo`'s script brings up the testbed and Jupyter and
stops both on Ctrl-C. (No Docker engine here: the images are not built.)"""

import gzip
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOUNTAIN = os.environ.get("FOUNTAIN_BIN", os.path.join(ROOT, "bin", "fountain"))


def fountain_flags(*sub):
    """The flags a fountain subcommand accepts, from its --help."""
    out = subprocess.run([FOUNTAIN, *sub, "--help"], capture_output=True, text=True)
    return set(re.findall(r"^\s+-([\w-]+)", out.stdout + out.stderr, re.M))


def check_fountain_command(test, argv):
    """argv runs fountain: its subcommand exists and takes every flag given."""
    test.assertEqual(os.path.basename(argv[0]), "fountain", argv)
    sub = [a for a in argv[1:3] if not a.startswith("-")]
    flags = fountain_flags(*sub)
    test.assertTrue(flags, "fountain %s has no --help" % " ".join(sub))
    for a in argv[1:]:
        if a.startswith("--"):
            test.assertIn(a[2:].split("=")[0], flags, "fountain %s: unknown flag %s" % (" ".join(sub), a))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Compose(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        out = subprocess.run(["docker-compose", "-f", os.path.join(ROOT, "docker-compose.yml"), "config"],
                             capture_output=True, text=True, cwd=ROOT)
        cls.config_error = out.returncode != 0 and out.stderr
        import yaml
        cls.compose = yaml.safe_load(out.stdout) if out.returncode == 0 else None
        with open(os.path.join(ROOT, "Dockerfile")) as f:
            cls.dockerfile = f.read()

    def test_config_validates(self):
        self.assertFalse(self.config_error, self.config_error)
        self.assertEqual(set(self.compose["services"]), {"kafka", "topics", "producer", "jupyter"})

    def test_kafka_is_kraft_with_two_listeners(self):
        k = self.compose["services"]["kafka"]
        self.assertTrue(k["image"].startswith("apache/kafka:"))
        env = k["environment"]
        self.assertIn("controller", env["KAFKA_PROCESS_ROLES"])
        self.assertNotIn("zookeeper", json.dumps(self.compose).lower())
        adv = env["KAFKA_ADVERTISED_LISTENERS"]
        self.assertIn("INTERNAL://kafka:29092", adv)
        self.assertIn("EXTERNAL://localhost:9092", adv)
        self.assertIn(9092, [p["published"] and int(p["published"]) for p in k["ports"]])
        self.assertIn("healthcheck", k)

    def test_start_order_has_conditions(self):
        svcs = self.compose["services"]
        for name, svc in svcs.items():
            for dep, how in svc.get("depends_on", {}).items():
                self.assertIn(dep, svcs)
                self.assertIn("condition", how, "%s -> %s" % (name, dep))
                if how["condition"] == "service_healthy":
                    self.assertIn("healthcheck", svcs[dep], dep)
        self.assertEqual(svcs["topics"]["depends_on"]["kafka"]["condition"], "service_healthy")
        self.assertEqual(svcs["producer"]["depends_on"]["topics"]["condition"], "service_completed_successfully")

    def test_commands_and_broker_address(self):
        svcs = self.compose["services"]
        internal = "kafka:29092"
        produce = svcs["producer"]["command"]
        check_fountain_command(self, produce)
        self.assertEqual(produce[produce.index("--brokers") + 1], internal)
        self.assertEqual(svcs["jupyter"]["environment"]["KAFKA_BROKERS"], internal)
        topic = svcs["topics"]["command"]
        self.assertEqual(topic[topic.index("--topic") + 1], produce[produce.index("--topic") + 1])
        self.assertIn(internal, topic)
        # The notebooks read this topic.
        for nb in ("03", "04", "05"):
            path = [p for p in os.listdir(os.path.join(ROOT, "notebooks")) if p.startswith(nb)][0]
            with open(os.path.join(ROOT, "notebooks", path)) as f:
                self.assertIn('Topic: \\"alerts\\"', f.read())

    def test_jupyter_port_volume_and_image(self):
        j = self.compose["services"]["jupyter"]
        self.assertIn(8888, [int(p["target"]) for p in j["ports"]])
        self.assertRegex(self.dockerfile, r"(?m)^EXPOSE 8888$")
        self.assertIn('"--port=8888"', self.dockerfile)
        vol = j["volumes"][0]
        if isinstance(vol, str):  # docker-compose 1.x: "source:target:mode"
            src, dst = vol.split(":")[:2]
            vol = {"source": src, "target": dst}
        self.assertEqual(vol["source"], os.path.join(ROOT, "notebooks"))
        self.assertTrue(os.path.isdir(vol["source"]))
        self.assertIn("WORKDIR /home/fountain", self.dockerfile)
        self.assertEqual(vol["target"], "/home/fountain/notebooks")
        self.assertIn("root_dir=" + vol["target"], self.dockerfile)
        self.assertIn("healthcheck", j)
        self.assertEqual(self.compose["services"]["producer"]["image"], j["image"])

    def test_dockerfile_references_exist(self):
        df = self.dockerfile
        self.assertGreaterEqual(len(re.findall(r"(?m)^FROM ", df)), 2, "multi-stage")
        self.assertIn("CGO_ENABLED=0", df)
        for line in re.findall(r"(?m)^COPY (.+)$", df):
            if "--from=" in line:
                continue  # from the build stage
            args = [a for a in shlex.split(line) if not a.startswith("--")]
            for src in args[:-1]:
                self.assertTrue(os.path.exists(os.path.join(ROOT, src)), "COPY %s: no such path" % src)
        for target in re.findall(r"go build .* (\./\S+)", df):
            self.assertTrue(os.path.isdir(os.path.join(ROOT, target)), target)
        for cmd in re.findall(r"(?m)^RUN (fountain .+)$", df):
            check_fountain_command(self, shlex.split(cmd))
        user = re.findall(r"(?m)^USER (\S+)", df)
        self.assertTrue(user and user[-1] not in ("root", "0"), "runs as root")
        self.assertRegex(df, r"(?m)^HEALTHCHECK ")
        with open(os.path.join(ROOT, ".dockerignore")) as f:
            ignored = {l.strip() for l in f if l.strip()}
        for needed in ("cmd", "kernel", "frames", "display", "sources", "internal", "notebooks", "go.mod"):
            self.assertNotIn(needed, ignored)


    def test_build_stage_runs_here(self):
        """The build stage's commands (the static build, the standard library's
        docs that name? shows in the image) run here as written, with /out in a
        temporary directory."""
        runs = re.findall(r"(?m)^RUN ((?:CGO_ENABLED=0 go build|/out/fountain) .+)$", self.dockerfile)
        self.assertTrue(any("go build" in r for r in runs) and any("stddocs" in r for r in runs), runs)
        with tempfile.TemporaryDirectory() as out:
            for cmd in runs:
                subprocess.run(cmd.replace("/out", out), shell=True, cwd=ROOT, check=True, timeout=600)
            docs = os.path.join(out, "share", "fountain", "stddocs.json.gz")
            self.assertGreater(os.path.getsize(docs), 100_000, "the standard library's docs")
            with gzip.open(docs) as f:
                self.assertIn("Fields splits the string", json.load(f)["strings"]["members"]["Fields"])


class Demo(unittest.TestCase):
    def test_demo_starts_and_stops(self):
        """scripts/demo.sh (what make demo runs after building and
        installing the kernel): the testbed, then Jupyter on notebooks/;
        Ctrl-C stops both."""
        port, broker = free_port(), free_port()
        env = dict(os.environ, PORT=str(port), KAFKA_ADDR="127.0.0.1:%d" % broker)
        p = subprocess.Popen([os.path.join(ROOT, "scripts", "demo.sh")], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            deadline, up = time.time() + 60, False
            while time.time() < deadline and not up:
                try:
                    with urllib.request.urlopen("http://127.0.0.1:%d/api" % port, timeout=2) as r:
                        up = "version" in json.loads(r.read())
                except OSError:
                    time.sleep(0.3)
            self.assertTrue(up, "Jupyter did not come up")
            socket.create_connection(("127.0.0.1", broker), timeout=2).close()
        finally:
            os.killpg(p.pid, signal.SIGINT)
            out, _ = p.communicate(timeout=30)
        self.assertIn("http://127.0.0.1:%d" % port, out)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", broker), timeout=1).close()


if __name__ == "__main__":
    unittest.main()
