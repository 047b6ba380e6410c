"""Protocol tests for the fountain kernel over jupyter_client: robustness,
interrupts, live display updates, stdin, signatures, comms, stop_on_error."""

import os
import queue
import subprocess
import tempfile
import time
import unittest

import zmq
from jupyter_client.manager import KernelManager, start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 20


class KernelCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="fountain", startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def setUp(self):
        self.drain()

    def drain(self):
        for get in (self.kc.get_iopub_msg, self.kc.get_shell_msg, self.kc.get_stdin_msg):
            while True:
                try:
                    get(timeout=0.05)
                except queue.Empty:
                    break

    def run_cell(self, code, timeout=TIMEOUT, **kw):
        """Executes code; returns (reply content, [iopub messages for it])."""
        msg_id = self.kc.execute(code, **kw)
        reply = self.kc.get_shell_msg(timeout=timeout)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        out = []
        while True:
            m = self.kc.get_iopub_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
            out.append(m)
        return reply["content"], out

    def value(self, code):
        reply, out = self.run_cell(code)
        self.assertEqual(reply["status"], "ok", reply)
        res = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(len(res), 1, out)
        return res[0]["content"]["data"]["text/plain"]

    def stream(self, out, name="stdout"):
        return "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream" and m["content"]["name"] == name)


class Robustness(KernelCase):
    def test_front_end_that_does_not_read(self):
        # A second front end that stops reading iopub (a frozen tab, a
        # suspended console) must not stall the kernel for the others.
        ci = self.km.get_connection_info()
        ctx = zmq.Context()
        stuck = ctx.socket(zmq.SUB)
        stuck.setsockopt(zmq.RCVHWM, 1)
        stuck.setsockopt(zmq.RCVBUF, 64 << 10)
        stuck.setsockopt(zmq.SUBSCRIBE, b"")
        stuck.connect("%s://%s:%d" % (ci["transport"], ci["ip"], ci["iopub_port"]))
        try:
            time.sleep(0.3)
            # 24 MB of displays: far more than the stuck socket's buffers.
            reply, out = self.run_cell('big := display.HTML(strings.Repeat("x", 1<<20))\n'
                                       "for range 24 { display.Show(big) }", timeout=60)
            self.assertEqual(reply["status"], "ok", reply)
            self.assertEqual(len([m for m in out if m["msg_type"] == "display_data"]), 24)
            self.assertEqual(self.value("1 + 1"), "2")
        finally:
            stuck.close(0)
            ctx.term()

    def test_interrupt_busy_loop(self):
        self.run_cell("n := 0")
        msg_id = self.kc.execute("for { n++ }")
        time.sleep(0.5)
        t = time.time()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=5)
        self.assertLess(time.time() - t, 1.0)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.drain()
        self.assertEqual(self.value("n > 0"), "true")

    def test_interrupt_spares_other_goroutines(self):
        # A goroutine of an earlier cell waiting for work, and a closure
        # made by a call, work after another cell was interrupted.
        self.run_cell("var beats atomic.Int64\nwork := make(chan int)\n"
                      "go func() { for n := range work { beats.Add(int64(n)) } }()\n"
                      "func counter() func() int { n := 0; return func() int { n++; return n } }\nnext := counter()")
        for code in ("for {}", "time.Sleep(time.Hour)"):
            with self.subTest(code=code):
                self.kc.execute(code)
                time.sleep(0.3)
                self.km.interrupt_kernel()
                reply = self.kc.get_shell_msg(timeout=5)
                self.assertEqual(reply["content"]["ename"], "Interrupted")
                self.assertNotIn("stopped too", reply["content"]["evalue"])
                self.drain()
        self.assertEqual(self.value("work <- 2\nwork <- 3\nfor beats.Load() != 5 { time.Sleep(time.Millisecond) }\nbeats.Load()"), "5")
        self.assertEqual(self.value("next() + next()"), "3")
        # A goroutine busy in interpreted code at that instant stops with a
        # busy cell (the interpreter cannot stop one without the other):
        # the error says whether it did.
        self.run_cell("var spinning atomic.Bool\nspinning.Store(true)\ngo func() { for spinning.Load() { beats.Add(1) } }()")
        self.kc.execute("for {}")
        time.sleep(0.3)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=5)
        self.drain()
        before = int(self.value("beats.Load()"))
        time.sleep(0.05)
        stopped = int(self.value("beats.Load()")) == before
        self.run_cell("spinning.Store(false)")
        self.assertEqual(stopped, "1 goroutine(s) running interpreted code stopped too" in reply["content"]["evalue"], reply["content"]["evalue"])

    def test_interrupt_blocking_calls(self):
        for code in ("time.Sleep(time.Hour)", "<-make(chan int)"):
            with self.subTest(code=code):
                self.drain()
                self.kc.execute(code)
                time.sleep(0.3)
                t = time.time()
                self.km.interrupt_kernel()
                reply = self.kc.get_shell_msg(timeout=5)
                self.assertLess(time.time() - t, 1.0)
                self.assertEqual(reply["content"]["ename"], "Interrupted")
                self.drain()
                self.assertEqual(self.value("1 + 1"), "2")

    def test_goroutine_panic_keeps_state(self):
        self.run_cell("kept := 41")
        reply, out = self.run_cell('go func() { panic("bg boom") }()\ntime.Sleep(200 * time.Millisecond)')
        self.assertEqual(reply["status"], "ok")
        self.assertIn("bg boom", self.stream(out, "stderr"))
        self.assertEqual(self.value("kept + 1"), "42")

    def test_panic_in_cell(self):
        reply, out = self.run_cell('func explode() { panic("cell boom") }\nexplode()')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "panic")
        self.assertIn("cell boom", reply["evalue"])
        self.assertEqual(self.value("2 * 3"), "6")

    def test_stack_overflow_restarts_evaluator(self):
        reply, out = self.run_cell("func down(n int) int { return down(n+1) + 1 }\ndown(0)", timeout=60)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "EvaluatorDied")
        self.assertIn("lost", reply["evalue"])
        self.assertEqual(self.value("1 + 1"), "2")

    def test_output_flood_is_bounded(self):
        reply, out = self.run_cell("for i := 0; i < 300000; i++ { fmt.Println(i) }", timeout=60)
        self.assertEqual(reply["status"], "ok")
        text = self.stream(out)
        self.assertLess(len(text), 8 << 20)
        self.assertIn("dropped", text)
        t = time.time()
        self.assertEqual(self.value("1 + 1"), "2")
        self.assertLess(time.time() - t, 2)

    def test_print_order_with_display(self):
        reply, out = self.run_cell('fmt.Println("a")\ndisplay.Show("b")\nfmt.Println("c")')
        kinds = [(m["msg_type"], m["content"].get("text") or m["content"].get("data", {}).get("text/plain"))
                 for m in out if m["msg_type"] in ("stream", "display_data")]
        self.assertEqual(kinds, [("stream", "a\n"), ("display_data", "b"), ("stream", "c\n")])

    def test_fd_level_output_captured(self):
        reply, out = self.run_cell('os.NewFile(1, "fd1").Write([]byte("raw fd 1\\n"))\nlog.Println("via log")')
        self.assertIn("raw fd 1", self.stream(out))
        self.assertIn("via log", self.stream(out, "stderr"))

    def test_getenv_sees_environment(self):
        self.assertEqual(self.value('os.Getenv("FOUNTAIN_HISTORY") != ""'), "true")


class Display(KernelCase):
    def test_live_update_from_goroutine_after_return(self):
        reply, out = self.run_cell(
            'h := display.Show("0")\n'
            "go func() {\n"
            "\tfor i := 1; i <= 3; i++ {\n"
            "\t\ttime.Sleep(50 * time.Millisecond)\n"
            "\t\th.Update(fmt.Sprint(i))\n"
            "\t}\n"
            "}()")
        self.assertEqual(reply["status"], "ok")
        shown = [m for m in out if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1)
        did = shown[0]["content"]["transient"]["display_id"]
        updates = []
        deadline = time.time() + 5
        while len(updates) < 3 and time.time() < deadline:
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if m["msg_type"] == "update_display_data":
                updates.append(m)
        self.assertEqual([u["content"]["transient"]["display_id"] for u in updates], [did] * 3)
        self.assertEqual(updates[-1]["content"]["data"]["text/plain"], "3")

    def test_cell_type_renders_itself(self):
        self.run_cell('type Badge struct{ Name string }\nfunc (b Badge) HTML() string { return "<span>" + b.Name + "</span>" }')
        reply, out = self.run_cell('Badge{"go"}')
        res = [m for m in out if m["msg_type"] == "execute_result"][0]
        self.assertEqual(res["content"]["data"]["text/html"], "<span>go</span>")


class Streams(KernelCase):
    def updates_for(self, did, seconds, during=None):
        """Collects update_display_data for did over seconds; during, if
        given, is run (with the kernel busy) first."""
        got = []
        deadline = time.time() + seconds
        if during:
            during()
        while time.time() < deadline:
            try:
                m = self.kc.get_iopub_msg(timeout=0.1)
            except queue.Empty:
                continue
            if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == did:
                got.append((time.time(), m))
        return got

    def test_live_table(self):
        reply, out = self.run_cell(
            'src, _ := sim.NewSource(sim.Config{Seed: 5, Fields: 4, Objects: 100}, sim.SourceConfig{VisitsPerSecond: 40})\n'
            's := frames.StreamFrom(src).Named("per_band").\n'
            '\tWithColumn("fid", frames.Col("candidate").Field("fid")).\n'
            '\tGroupBy("fid").Agg(frames.Count())\n'
            's')
        self.assertEqual(reply["status"], "ok", reply)
        shown = [m for m in out if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, out)
        did = shown[0]["content"]["transient"]["display_id"]
        self.assertIn("per_band", shown[0]["content"]["data"]["text/html"])

        # Updates go on while another cell runs, and after it is interrupted.
        interrupted = []

        def busy_then_interrupt():
            self.kc.execute("time.Sleep(time.Hour)")
            time.sleep(0.8)
            self.km.interrupt_kernel()
            interrupted.append(time.time())
        ups = self.updates_for(did, 2.5, during=busy_then_interrupt)
        self.assertGreater(len(ups), 3, "too few live updates")
        after = [u for u in ups if u[0] > interrupted[0] + 0.5]
        self.assertTrue(after, "no updates after the interrupt of another cell")
        # The throttle, by the kernel's send times (delivery can bunch up).
        sent = [m["header"]["date"] for _, m in ups]
        sent = [d.timestamp() if hasattr(d, "timestamp") else 0 for d in sent]
        gaps = [b - a for a, b in zip(sent, sent[1:])]
        self.assertGreater(min(gaps), 0.15, "updates faster than the throttle")
        for _, m in ups:
            size = len(m["content"]["data"]["text/html"]) + len(m["content"]["data"]["text/plain"])
            self.assertLess(size, 64 << 10)
        last = ups[-1][1]["content"]["data"]["text/plain"]
        self.assertIn("running", last)
        self.assertIn("rows in", last)
        self.drain()

        reply, out = self.run_cell("%streams")
        listing = [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"]
        self.assertTrue(listing and "per_band" in listing[0] and "rows_in" in listing[0], out)
        reply, out = self.run_cell("%streams stop per_band")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertIn("stopped per_band", self.stream(out))
        # The final table says so, and updates end.
        ups = self.updates_for(did, 1.0)
        texts = [m["content"]["data"]["text/plain"] for _, m in ups]
        self.assertTrue(any("stopped" in t for t in texts) or not ups, texts)
        self.assertEqual(self.updates_for(did, 0.8), [])
        reply, out = self.run_cell("%streams stop per_band")
        self.assertEqual(reply["status"], "error")


class Semantics(KernelCase):
    def test_state_and_imports(self):
        self.run_cell('import "strings"\nimport "strings"\nwords := strings.Fields("a b c")')
        self.assertEqual(self.value("len(words)"), "3")

    def test_auto_import(self):
        self.assertEqual(self.value('filepath.Base("/a/b.go")'), "b.go")

    def test_min_max_clear(self):
        self.assertEqual(self.value("min(4, 2, 3)"), "2")
        self.assertEqual(self.value("max(1.5, 2.5)"), "2.5")
        self.assertEqual(self.value('mm := map[string]int{"a": 1}\nclear(mm)\nlen(mm)'), "0")

    def test_per_iteration_loop_variables(self):
        self.assertEqual(self.value(
            "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\n"
            "fs[0]() + fs[1]()*10 + fs[2]()*100"), "210")

    def test_range_over_int(self):
        self.assertEqual(self.value("total := 0\nfor i := range 4 { total += i }\ntotal"), "6")

    def test_range_over_func(self):
        # Go 1.23 iterators: the interpreter has none; the kernel rewrites
        # the loop, with no trace of how in the output.
        self.run_cell("func Count(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n"
                      "\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}")
        reply, out = self.run_cell("total := 0\nfor x := range Count(10) {\n\tif x == 5 { break }\n\ttotal += x\n}\n"
                                   "for i, s := range slices.All([]string{\"a\", \"b\"}) { fmt.Println(i, s) }\ntotal")
        self.assertEqual(reply["status"], "ok", reply)
        res = [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(res, ["10"])
        self.assertEqual(self.stream(out), "0 a\n1 b\n")
        self.assertEqual(self.stream(out, "stderr"), "")

    def test_generics_in_cells(self):
        self.run_cell("func Sum[T int | float64](xs []T) T { var s T; for _, x := range xs { s += x }; return s }")
        self.assertEqual(self.value("Sum([]int{1, 2, 3})"), "6")
        # Results kept at top level, and a generic type with methods.
        self.assertEqual(self.value("total := Sum([]float64{1.5, 2})\ntotal"), "3.5")
        self.run_cell("type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }")
        self.assertEqual(self.value("st := &Stack[string]{}\nst.Push(\"a\")\nlen(st.items)"), "1")

    def test_compile_error_points_at_cell_line(self):
        reply, out = self.run_cell("a := 1\nb := a +\n")
        self.assertEqual(reply["status"], "error")
        reply, out = self.run_cell("a := 1\n\nc := missing + a")
        self.assertEqual(reply["status"], "error")
        self.assertIn("missing", reply["evalue"])
        self.assertTrue(any("line 3" in t for t in reply["traceback"]), reply["traceback"])

    def test_redefine_func_rebinds_callers(self):
        self.run_cell("func f() int { return 1 }\nfunc g() int { return f() }")
        self.run_cell("func f() int { return 2 }")
        self.assertEqual(self.value("g()"), "2")

    def test_redefine_method(self):
        self.run_cell("type T struct{}\nfunc (T) M() int { return 1 }")
        self.run_cell("func (T) M() int { return 2 }")
        self.assertEqual(self.value("T{}.M()"), "2")

    def test_redefine_type_keeps_methods(self):
        self.run_cell("type Star struct{ Mag float64 }\nfunc (s Star) Bright() bool { return s.Mag < 15 }")
        reply, _ = self.run_cell("type Star struct{ Name string; Mag float64 }")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.value('Star{Name: "vega", Mag: 0.03}.Bright()'), "true")
        reply, _ = self.run_cell("Star{Nope: 1}")
        self.assertEqual(reply["status"], "error")
        self.assertNotIn("__", reply["evalue"])

    def test_undefined_name_runs_nothing(self):
        self.run_cell("y := 5")
        reply, _ = self.run_cell("y = 6\nz := undefinedThing")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["evalue"], "undefined: undefinedThing")
        self.assertEqual(self.value("y"), "5")

    def test_type_error_changes_nothing(self):
        reply, _ = self.run_cell('func half() int { return 1 }\nv := half() + "s"')
        self.assertEqual(reply["status"], "error")
        reply, _ = self.run_cell("half()")
        self.assertEqual(reply["status"], "error")

    def test_magics(self):
        reply, out = self.run_cell("%env FOUNTAIN_TEST_VAR=yes")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.value('os.Getenv("FOUNTAIN_TEST_VAR")'), "yes")
        reply, out = self.run_cell("!echo from-shell $FOUNTAIN_TEST_VAR")
        self.assertIn("from-shell yes", self.stream(out))
        reply, out = self.run_cell("%time 2 + 2")
        self.assertIn("time:", self.stream(out))
        reply, out = self.run_cell("%help")
        self.assertIn("%reset", self.stream(out))
        self.run_cell("gone := 1")
        self.run_cell("%reset")
        reply, _ = self.run_cell("gone")
        self.assertEqual(reply["status"], "error")


class Protocol(KernelCase):
    def test_stdin(self):
        msg_id = self.kc.execute('fmt.Print("Name: ")\nvar s string\nfmt.Scanln(&s)\nstrings.ToUpper(s)', allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["content"]["prompt"], "Name: ")  # what the cell printed before reading
        self.kc.input("hello")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result":
                self.assertEqual(m["content"]["data"]["text/plain"], "HELLO")
                break

    def test_stdin_refused_without_allow_stdin(self):
        reply, out = self.run_cell("line, err := bufio.NewReader(os.Stdin).ReadString('\\n')\nerr", allow_stdin=False)
        self.assertEqual(reply["status"], "ok")
        res = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertIn("stdin is not available", res[0]["content"]["data"]["text/plain"])

    def test_silent_and_user_expressions(self):
        before = self.run_cell("1")[0]["execution_count"]
        reply, out = self.run_cell("ux := 7", silent=True)
        self.assertEqual([m["msg_type"] for m in out if m["msg_type"] != "status"], [])
        reply, out = self.run_cell("ux2 := 1", user_expressions={"a": "ux * 6"})
        self.assertEqual(reply["execution_count"], before + 1)
        self.assertEqual(reply["user_expressions"]["a"]["data"]["text/plain"], "42")

    def test_stop_on_error_aborts_queue(self):
        first = self.kc.execute('panic("first")')
        second = self.kc.execute("1 + 1")
        replies = {}
        for _ in range(2):
            r = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[r["parent_header"]["msg_id"]] = r["content"]["status"]
        self.assertEqual(replies, {first: "error", second: "aborted"})

    def test_comms(self):
        comm_id = "c0ffee"
        self.kc.comm_open = None
        msg = self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "fountain.echo", "data": {}})
        self.kc.shell_channel.send(msg)
        time.sleep(0.2)
        info = self.kc.comm_info(reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(info["comms"], {comm_id: {"target_name": "fountain.echo"}})
        self.drain()
        self.kc.shell_channel.send(self.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"ping": 1}}))
        deadline = time.time() + 5
        echoed = None
        while time.time() < deadline and echoed is None:
            m = self.kc.get_iopub_msg(timeout=1)
            if m["msg_type"] == "comm_msg":
                echoed = m["content"]
        self.assertEqual(echoed, {"comm_id": comm_id, "data": {"ping": 1}})
        self.kc.shell_channel.send(self.kc.session.msg("comm_close", {"comm_id": comm_id, "data": {}}))
        time.sleep(0.2)
        self.assertEqual(self.kc.comm_info(reply=True, timeout=TIMEOUT)["content"]["comms"], {})

    def test_bad_signature_is_dropped(self):
        marker = os.path.join(tempfile.mkdtemp(), "ran")
        bad = Session(key=b"not-the-key", username="attacker")
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        ci = self.km.get_connection_info()
        sock.connect("tcp://%s:%d" % (ci["ip"], ci["shell_port"]))
        try:
            bad.send(sock, "execute_request", {"code": 'os.WriteFile(%r, nil, 0o644)' % marker, "silent": False,
                                               "store_history": False, "user_expressions": {}, "allow_stdin": False})
            self.assertEqual(sock.poll(1000), 0, "the kernel answered a message with a bad signature")
        finally:
            sock.close(0)
        self.assertEqual(self.value("3 * 3"), "9")
        self.assertFalse(os.path.exists(marker), "the forged request was executed")


class Restart(unittest.TestCase):
    def test_restart(self):
        km, kc = start_new_kernel(kernel_name="fountain", startup_timeout=TIMEOUT)
        try:
            kc.execute_interactive("before := 1", timeout=TIMEOUT)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("before", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "error")
            reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)



class Transports(unittest.TestCase):
    def test_ipc(self):
        tmp = tempfile.mkdtemp()
        km = KernelManager(kernel_name="fountain", transport="ipc", ip=os.path.join(tmp, "kernel-ipc"))
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("40 + 2", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertTrue(any(f.startswith("kernel-ipc-") for f in os.listdir(tmp)))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class Orphan(unittest.TestCase):
    def test_kernel_ends_with_its_launcher(self):
        # A kernel whose launcher died (JPY_PARENT_PID, as jupyter_client
        # sets it) shuts down, worker included, even with a busy cell.
        tmp = tempfile.mkdtemp()
        launcher = os.path.join(tmp, "launcher.py")
        with open(launcher, "w") as f:
            f.write(
                "import sys, time\n"
                "from jupyter_client.manager import KernelManager\n"
                "km = KernelManager(kernel_name='fountain')\n"
                "km.start_kernel()\n"
                "kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=20)\n"
                "kc.execute('for {}')\n"
                "time.sleep(0.5)\n"
                "print(km.provisioner.process.pid, flush=True)\n"
                "time.sleep(600)\n")
        proc = subprocess.Popen(["/usr/bin/python3", launcher], stdout=subprocess.PIPE, text=True)
        try:
            kernel = int(proc.stdout.readline())
            worker = [int(p) for p in os.listdir("/proc") if p.isdigit() and self.parent_of(int(p)) == kernel]
            self.assertEqual(len(worker), 1, "the kernel's worker process")
            proc.kill()
            proc.wait()
            deadline = time.time() + 10
            while time.time() < deadline and (self.alive(kernel) or self.alive(worker[0])):
                time.sleep(0.1)
            self.assertFalse(self.alive(kernel), "the kernel outlived its launcher")
            self.assertFalse(self.alive(worker[0]), "the worker outlived its kernel")
        finally:
            proc.kill()

    @staticmethod
    def parent_of(pid):
        try:
            with open("/proc/%d/stat" % pid) as f:
                return int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return None

    @staticmethod
    def alive(pid):
        # A process nobody reaped (no init in a container) is a zombie: gone.
        try:
            with open("/proc/%d/stat" % pid) as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False


if __name__ == "__main__":
    unittest.main()
