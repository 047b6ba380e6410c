// Package kernel is fountain's Jupyter kernel: it speaks the Jupyter
// messaging protocol over ZeroMQ and runs Go cells in a supervised
// evaluator process (package worker) on the yaegi interpreter.
//
// The protocol process stays small and never runs user code, so a cell that
// panics, overflows its stack or floods its output cannot take it down.
package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/fountain-go/fountain/kernel/wire"
	"github.com/fountain-go/fountain/kernel/worker"
	"github.com/go-zeromq/zmq4"
)

// Version is the kernel's implementation version.
var Version = "0.1.0"

// Kernel is one running kernel.
type Kernel struct {
	conn    *wire.ConnectionInfo
	signer  *wire.Signer
	session string
	exe     string
	log     *log.Logger

	shell, control, stdin, iopub, hb zmq4.Socket
	iopubMu                          sync.Mutex
	replying                         sync.WaitGroup // an execute_reply on its way
	stdinReplies                     chan *wire.Message

	evMu    sync.Mutex
	ev      *evaluator
	evStart func() // starts the first evaluator, once; callers wait for it

	// parent is the header of the request whose output is being produced:
	// output from background goroutines goes to the most recent cell.
	parentMu sync.Mutex
	parent   *wire.Message

	count   int
	history *history
	comms   *comms

	shellQueue chan *wire.Message
	flushMu    sync.Mutex // one flush at a time keeps stream chunks in order
	flushStop  chan struct{}
	done       chan struct{}
	doneOnce   sync.Once
}

// Run starts a kernel for the connection file and serves until shutdown.
func Run(ctx context.Context, connectionFile string) error {
	conn, err := wire.ReadConnectionFile(connectionFile)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	k := &Kernel{
		conn:         conn,
		signer:       wire.NewSigner(conn.Key),
		session:      wire.NewID(),
		exe:          exe,
		log:          log.New(os.Stderr, "fountain: ", log.LstdFlags),
		stdinReplies: make(chan *wire.Message, 1),
		history:      openHistory(),
		comms:        newComms(),
		shellQueue:   make(chan *wire.Message, 256),
		flushStop:    make(chan struct{}),
		done:         make(chan struct{}),
	}
	return k.serve(ctx)
}

func (k *Kernel) serve(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := k.bind(ctx); err != nil {
		return err
	}
	defer k.closeSockets()
	// The evaluator starts a moment after the sockets, or at the first
	// request that needs it: its start-up (the interpreter and its symbol
	// tables) would otherwise compete with the first kernel_info_reply for
	// the CPU.
	k.evStart = sync.OnceFunc(k.launchEvaluator)
	time.AfterFunc(100*time.Millisecond, k.evStart)
	go k.flushLoop()
	go k.heartbeat()
	go k.readLoop(k.shell, func(m *wire.Message) { k.shellQueue <- m })
	go k.readLoop(k.control, k.handleControl)
	go k.readLoop(k.stdin, func(m *wire.Message) {
		select {
		case k.stdinReplies <- m:
		default:
		}
	})
	go k.shellLoop()
	go k.watchParent()

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	k.publish(nil, "status", map[string]any{"execution_state": "starting"})
	for {
		select {
		case s := <-sigs:
			if s == syscall.SIGINT {
				k.interrupt()
				continue
			}
			k.stop()
		case <-ctx.Done():
			k.stop()
		case <-k.done:
			close(k.flushStop)
			if ev := k.startedEvaluator(); ev != nil {
				ev.kill()
			}
			k.flushOutput()
			return nil
		}
	}
}

func (k *Kernel) stop() { k.doneOnce.Do(func() { close(k.done) }) }

// watchParent stops the kernel once the process that started it is gone.
// Jupyter's launchers name themselves in JPY_PARENT_PID; a kernel whose
// launcher died (a killed jupyter console, a crashed server) serves no one
// any more, and a busy cell in it would hold a core forever.
func (k *Kernel) watchParent() {
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || pid <= 1 || os.Getppid() != pid {
		return // not started by a Jupyter launcher directly: nothing to watch
	}
	t := time.NewTicker(parentPoll)
	defer t.Stop()
	for {
		select {
		case <-k.done:
			return
		case <-t.C:
			if os.Getppid() != pid {
				k.log.Printf("the process that started the kernel (%d) is gone: shutting down", pid)
				k.stop()
				return
			}
		}
	}
}

// parentPoll is how often watchParent looks.
const parentPoll = 500 * time.Millisecond

func (k *Kernel) bind(ctx context.Context) error {
	k.shell = zmq4.NewRouter(ctx)
	k.control = zmq4.NewRouter(ctx)
	k.stdin = zmq4.NewRouter(ctx)
	k.iopub = zmq4.NewPub(ctx)
	k.hb = zmq4.NewRep(ctx)
	for _, b := range []struct {
		s    zmq4.Socket
		port int
		name string
	}{{k.shell, k.conn.ShellPort, "shell"}, {k.control, k.conn.ControlPort, "control"},
		{k.stdin, k.conn.StdinPort, "stdin"}, {k.iopub, k.conn.IOPubPort, "iopub"}, {k.hb, k.conn.HBPort, "heartbeat"}} {
		if err := b.s.Listen(listenEndpoint(k.conn.Endpoint(b.port))); err != nil {
			return fmt.Errorf("bind %s to %s: %w", b.name, k.conn.Endpoint(b.port), err)
		}
	}
	return nil
}

func (k *Kernel) closeSockets() {
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb} {
		if s != nil {
			s.Close()
		}
	}
}

func (k *Kernel) heartbeat() {
	for {
		msg, err := k.hb.Recv()
		if err != nil {
			return
		}
		if err := k.hb.Send(msg); err != nil {
			return
		}
	}
}

// readLoop decodes messages from a socket; one with a bad signature is
// logged and dropped, never handled.
func (k *Kernel) readLoop(s zmq4.Socket, handle func(*wire.Message)) {
	for {
		raw, err := s.Recv()
		if err != nil {
			select {
			case <-k.done:
				return
			default:
			}
			if errors.Is(err, context.Canceled) {
				return
			}
			continue
		}
		m, err := k.signer.Decode(raw.Frames)
		if err != nil {
			k.log.Printf("dropped a message: %v", err)
			continue
		}
		handle(m)
	}
}

// send signs and sends a message on a socket.
func (k *Kernel) send(s zmq4.Socket, m *wire.Message) {
	frames, err := k.signer.Encode(m)
	if err != nil {
		k.log.Printf("encode %s: %v", m.Header.MsgType, err)
		return
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.log.Printf("send %s: %v", m.Header.MsgType, err)
	}
}

func (k *Kernel) newMsg(parent *wire.Message, msgType string, content any) *wire.Message {
	body, err := json.Marshal(content)
	if err != nil {
		body, _ = json.Marshal(map[string]any{"status": "error", "ename": "EncodeError", "evalue": err.Error(), "traceback": []string{}})
	}
	m := &wire.Message{Header: wire.NewHeader(msgType, k.session), Content: body, Metadata: json.RawMessage("{}")}
	if parent != nil {
		m.Header.Session = parent.Header.Session
		ph, _ := json.Marshal(parent.Header)
		m.Parent = ph
	}
	return m
}

// reply answers a request on the socket it came from.
func (k *Kernel) reply(s zmq4.Socket, req *wire.Message, msgType string, content any) {
	m := k.newMsg(req, msgType, content)
	m.Identities = req.Identities
	k.send(s, m)
}

// publish sends a message on iopub with parent as its parent.
func (k *Kernel) publish(parent *wire.Message, msgType string, content any) {
	m := k.newMsg(parent, msgType, content)
	m.Identities = [][]byte{[]byte("kernel." + k.session + "." + msgType)}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	k.send(k.iopub, m)
}

func (k *Kernel) setParent(m *wire.Message) {
	k.parentMu.Lock()
	k.parent = m
	k.parentMu.Unlock()
}

func (k *Kernel) currentParent() *wire.Message {
	k.parentMu.Lock()
	defer k.parentMu.Unlock()
	return k.parent
}

// currentEvaluator returns the evaluator, starting it if need be.
func (k *Kernel) currentEvaluator() *evaluator {
	k.evStart()
	return k.startedEvaluator()
}

// startedEvaluator returns the evaluator if it has started, else nil.
func (k *Kernel) startedEvaluator() *evaluator {
	k.evMu.Lock()
	defer k.evMu.Unlock()
	return k.ev
}

// flushLoop sends captured output as stream messages at short intervals.
func (k *Kernel) flushLoop() {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			k.flushOutput()
		case <-k.flushStop:
			return
		}
	}
}

func (k *Kernel) flushOutput() {
	k.flushMu.Lock()
	defer k.flushMu.Unlock()
	ev := k.startedEvaluator()
	if ev == nil {
		return
	}
	for _, c := range []*capture{ev.out, ev.errOut} {
		text, notice := c.take()
		if text+notice != "" {
			k.publish(k.currentParent(), "stream", map[string]any{"name": c.name, "text": text + notice})
		}
	}
}

// onEvent handles an event from the worker: output has been synced.
func (k *Kernel) onEvent(ev worker.Event) {
	if ev.Kind == worker.EvInput && ev.Prompt == "" {
		ev.Prompt = k.currentEvaluator().out.takePrompt()
	}
	k.flushOutput()
	parent := k.currentParent()
	switch ev.Kind {
	case worker.EvDisplay:
		content := map[string]any{"data": ev.Data, "metadata": orEmptyMap(ev.Metadata), "transient": map[string]any{}}
		if ev.DisplayID != "" {
			content["transient"] = map[string]any{"display_id": ev.DisplayID}
		}
		msgType := "display_data"
		if ev.Update {
			msgType = "update_display_data"
		}
		k.publish(parent, msgType, content)
	case worker.EvClear:
		k.publish(parent, "clear_output", map[string]any{"wait": ev.Wait})
	}
	switch ev.Kind {
	case worker.EvDisplay, worker.EvClear:
		k.currentEvaluator().send(worker.Request{Op: worker.OpAck})
	case worker.EvInput:
		go k.askInput(parent, ev)
	}
}

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// askInput forwards a cell's read of stdin to the front end.
func (k *Kernel) askInput(parent *wire.Message, ev worker.Event) {
	if parent == nil {
		return
	}
	req := k.newMsg(parent, "input_request", map[string]any{"prompt": ev.Prompt, "password": ev.Password})
	req.Identities = parent.Identities
	// Drop any stale reply.
	select {
	case <-k.stdinReplies:
	default:
	}
	k.send(k.stdin, req)
	select {
	case m := <-k.stdinReplies:
		var c struct {
			Value string `json:"value"`
		}
		json.Unmarshal(m.Content, &c)
		k.currentEvaluator().send(worker.Request{Op: worker.OpInput, Value: c.Value})
	case <-k.done:
	}
}

// watchWorker restarts the evaluator when it dies, telling the user.
func (k *Kernel) watchWorker(ev *evaluator) {
	select {
	case <-ev.exited:
	case <-k.done:
		return
	}
	select {
	case <-k.done:
		return
	default:
	}
	k.flushOutput()
	k.launchEvaluator()
}

// launchEvaluator starts an evaluator, makes it the current one and
// watches it; without one the kernel cannot work, so it stops.
func (k *Kernel) launchEvaluator() {
	ev, err := startEvaluator(k.exe, k.onEvent)
	if err != nil {
		k.log.Printf("cannot start the evaluator: %v", err)
		k.stop()
		return
	}
	k.evMu.Lock()
	k.ev = ev
	k.evMu.Unlock()
	go k.watchWorker(ev)
}

func (k *Kernel) interrupt() {
	if ev := k.startedEvaluator(); ev != nil {
		ev.send(worker.Request{Op: worker.OpInterrupt})
	}
}

func (k *Kernel) handleControl(m *wire.Message) {
	switch m.Header.MsgType {
	case "interrupt_request":
		k.interrupt()
		k.reply(k.control, m, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		k.shutdown(k.control, m)
	case "kernel_info_request":
		k.publish(m, "status", map[string]any{"execution_state": "busy"})
		k.reply(k.control, m, "kernel_info_reply", kernelInfo())
		k.publish(m, "status", map[string]any{"execution_state": "idle"})
	default:
		k.log.Printf("unhandled control message %s", m.Header.MsgType)
	}
}

func (k *Kernel) shutdown(s zmq4.Socket, m *wire.Message) {
	var c struct {
		Restart bool `json:"restart"`
	}
	json.Unmarshal(m.Content, &c)
	// On restart the front end starts a new kernel process; this one ends.
	k.reply(s, m, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
	// Let the reply leave before the sockets close.
	time.AfterFunc(50*time.Millisecond, k.stop)
}

func kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "fountain",
		"implementation_version": Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            strings.TrimPrefix(runtime.Version(), "go"),
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"banner":   "fountain " + Version + ": Go " + strings.TrimPrefix(runtime.Version(), "go") + " in a notebook (yaegi). %help for help.",
		"debugger": false,
		"help_links": []map[string]string{
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "The Go language specification", "url": "https://go.dev/ref/spec"},
			{"text": "fountain", "url": "https://github.com/fountain-go/fountain"},
		},
	}
}

// shellLoop handles shell requests one at a time, in order.
func (k *Kernel) shellLoop() {
	for {
		select {
		case m := <-k.shellQueue:
			k.replying.Wait()
			k.handleShell(m)
		case <-k.done:
			return
		}
	}
}

func (k *Kernel) handleShell(m *wire.Message) {
	k.publish(m, "status", map[string]any{"execution_state": "busy"})
	defer k.publish(m, "status", map[string]any{"execution_state": "idle"})
	switch m.Header.MsgType {
	case "kernel_info_request":
		k.reply(k.shell, m, "kernel_info_reply", kernelInfo())
	case "execute_request":
		k.execute(m)
	case "complete_request", "inspect_request":
		var c struct {
			Code        string `json:"code"`
			Cursor      int    `json:"cursor_pos"`
			DetailLevel int    `json:"detail_level"`
		}
		json.Unmarshal(m.Content, &c)
		op, replyType := worker.OpComplete, "complete_reply"
		if m.Header.MsgType == "inspect_request" {
			op, replyType = worker.OpInspect, "inspect_reply"
		}
		raw, err := k.currentEvaluator().call(worker.Request{Op: op, Code: c.Code, Cursor: c.Cursor, DetailLevel: c.DetailLevel})
		if err != nil {
			k.reply(k.shell, m, replyType, map[string]any{"status": "error", "ename": "EvaluatorError", "evalue": err.Error(), "traceback": []string{}})
			return
		}
		k.reply(k.shell, m, replyType, raw)
	case "is_complete_request":
		var c struct {
			Code string `json:"code"`
		}
		json.Unmarshal(m.Content, &c)
		status, indent := cell.Completeness(c.Code)
		content := map[string]any{"status": status}
		if status == "incomplete" {
			content["indent"] = indent
		}
		k.reply(k.shell, m, "is_complete_reply", content)
	case "history_request":
		k.reply(k.shell, m, "history_reply", k.history.query(m.Content))
	case "comm_info_request":
		k.reply(k.shell, m, "comm_info_reply", k.comms.info(m.Content))
	case "comm_open":
		k.comms.open(k, m)
	case "comm_msg":
		k.comms.message(k, m)
	case "comm_close":
		k.comms.close(m)
	case "shutdown_request":
		k.shutdown(k.shell, m)
	default:
		k.log.Printf("unhandled shell message %s", m.Header.MsgType)
	}
}
