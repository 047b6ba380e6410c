package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/fountain-go/fountain/display"
	"github.com/fountain-go/fountain/frames"
)

// Worker runs cells one at a time and reports to the kernel.
type Worker struct {
	emu  sync.Mutex
	enc  *json.Encoder
	sess *Session

	mu         sync.Mutex // guards the fields below
	cancel     context.CancelFunc
	ctx        context.Context
	seq        int64 // request being executed
	allowStdin bool
	input      chan string
	acks       chan struct{}
	cells      int // executed, for returning memory to the OS now and then
}

// Main is the worker process's entry point: requests on fd 3, events on fd 4.
func Main() error {
	// A runaway recursion should fail in a second, not after eating gigabytes.
	debug.SetMaxStack(256 << 20)
	reqs := os.NewFile(RequestFD, "requests")
	evs := os.NewFile(EventFD, "events")
	if reqs == nil || evs == nil {
		return errors.New("worker: request/event pipes missing (run by the kernel only)")
	}
	w := &Worker{enc: json.NewEncoder(evs), input: make(chan string, 1), acks: make(chan struct{}, 1)}
	display.SetPublisher(w)
	frames.SetProgress(display.ProgressBars()) // long loads draw a bar in the cell
	sess, err := NewSession(&stdinReader{w: w})
	if err != nil {
		return err
	}
	w.sess = sess
	log.SetOutput(sess.LogFilter(os.Stderr))
	return w.serve(reqs)
}

func (w *Worker) serve(r io.Reader) error {
	turn := make(chan struct{})
	close(turn) // no request before the first
	errc := make(chan error, 1)
	w.read(json.NewDecoder(r), turn, errc)
	return <-errc
}

// read reads requests; interrupts, input lines and acks it handles at
// once. A request to run (a cell, a completion) it runs itself, after the
// one before it (turn). Only a request still running after standbyAfter
// gets a new reader to take over the pipe: starting one for every request
// woke an idle thread each time, and on a small machine that thread's CPU
// was what a trivial cell's round trip waited for.
func (w *Worker) read(dec *json.Decoder, turn <-chan struct{}, errc chan<- error) {
	for {
		var req Request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				err = nil // the kernel closed the pipe: shut down
			} else {
				err = fmt.Errorf("worker: read request: %w", err)
			}
			errc <- err
			return
		}
		switch req.Op {
		case OpInterrupt:
			w.interrupt()
		case OpAck:
			select {
			case w.acks <- struct{}{}:
			default:
			}
		case OpInput:
			select {
			case w.input <- req.Value:
			default:
			}
		default:
			done := make(chan struct{})
			handOver := func() { w.read(dec, done, errc) }
			var standby *time.Timer
			select {
			case <-turn:
				standby = time.AfterFunc(standbyAfter, handOver)
			default:
				// The request before still runs: keep reading meanwhile
				// (its interrupt, its input line).
				go handOver()
				<-turn
			}
			w.handle(req)
			if standby != nil && standby.Stop() {
				// Done before a new reader started: read on here.
				turn = done
				close(done)
				continue
			}
			close(done)
			return
		}
	}
}

// standbyAfter is how long a request runs before another goroutine reads
// the requests that may come meanwhile (an interrupt, an input line).
const standbyAfter = time.Millisecond

func (w *Worker) emit(ev Event) {
	w.emu.Lock()
	defer w.emu.Unlock()
	if err := w.enc.Encode(ev); err != nil {
		// The kernel is gone; nothing more can be reported.
		os.Exit(3)
	}
	if ev.Kind == EvDisplay || ev.Kind == EvClear {
		// Wait until the kernel has published it (bounded, in case it is busy).
		select {
		case <-w.acks:
		case <-time.After(2 * time.Second):
		}
	}
}

func (w *Worker) reply(seq int64, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		raw, _ = json.Marshal(ExecuteReply{Status: "error", Ename: "Error", Evalue: "encode reply: " + err.Error()})
	}
	w.emit(Event{Kind: EvReply, Seq: seq, Reply: raw})
}

// Display implements display.Publisher.
func (w *Worker) Display(b display.Bundle, id string, update bool) {
	w.emit(Event{Kind: EvDisplay, Data: jsonSafe(b.Data), Metadata: b.Metadata, DisplayID: id, Update: update})
}

// Clear implements display.Publisher.
func (w *Worker) Clear(wait bool) { w.emit(Event{Kind: EvClear, Wait: wait}) }

func (w *Worker) interrupt() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
}

func (w *Worker) handle(req Request) {
	switch req.Op {
	case OpExecute:
		w.reply(req.Seq, w.execute(req))
		// The interpreter's garbage leaves the heap's high-water mark
		// creeping up cell after cell; give idle memory back to the OS
		// every so often (a few milliseconds, once per hundred cells).
		if w.cells++; w.cells%100 == 0 {
			debug.FreeOSMemory()
		}
	case OpComplete:
		w.reply(req.Seq, w.sess.Complete(req.Code, req.Cursor))
	case OpInspect:
		w.reply(req.Seq, w.sess.Inspect(req.Code, req.Cursor, req.DetailLevel))
	default:
		w.reply(req.Seq, ExecuteReply{Status: "error", Ename: "Error", Evalue: "unknown op " + req.Op})
	}
}

func (w *Worker) execute(req Request) ExecuteReply {
	ctx, cancel := context.WithCancel(context.Background())
	w.mu.Lock()
	w.ctx, w.cancel, w.seq, w.allowStdin = ctx, cancel, req.Seq, req.AllowStdin
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.cancel = nil
		w.mu.Unlock()
		cancel()
	}()
	rep := ExecuteReply{Status: "ok", Payload: []any{}, UserExpressions: map[string]any{}}
	res, payload, err := w.run(ctx, req.Code)
	rep.Payload = append(rep.Payload, payload...)
	if err != nil {
		var ce *CellError
		if !errors.As(err, &ce) {
			ce = &CellError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
		}
		tb := make([]string, len(ce.Traceback))
		for i, l := range ce.Traceback {
			tb[i] = demangle(l)
		}
		rep.Status, rep.Ename, rep.Evalue, rep.Traceback = "error", ce.Name, demangle(ce.Value), tb
		return rep
	}
	if res != nil {
		rep.Result, rep.ResultMetadata = jsonSafe(res.Data), res.Metadata
	}
	for name, expr := range req.UserExpressions {
		rep.UserExpressions[name] = w.sess.userExpression(ctx, expr)
	}
	return rep
}

// jsonSafe drops values that cannot be encoded, so that one bad MIME entry
// does not lose the whole output.
func jsonSafe(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if _, err := json.Marshal(v); err == nil {
			out[k] = v
		} else {
			out[k] = fmt.Sprintf("cannot encode %s output: %v", k, err)
		}
	}
	return out
}

// stdinReader is the cells' os.Stdin: each read with an empty buffer asks
// the front end for a line.
type stdinReader struct {
	w   *Worker
	buf []byte
}

func (r *stdinReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		line, err := r.w.requestInput()
		if err != nil {
			return 0, err
		}
		r.buf = append(r.buf, line...)
		r.buf = append(r.buf, '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

var errNoStdin = errors.New("stdin is not available: this front end does not accept input")

func (w *Worker) requestInput() (string, error) {
	w.mu.Lock()
	seq, allow, ctx := w.seq, w.allowStdin, w.ctx
	running := w.cancel != nil
	w.mu.Unlock()
	if !allow || !running {
		return "", errNoStdin
	}
	// Drop a stale reply to an earlier, interrupted request.
	select {
	case <-w.input:
	default:
	}
	w.emit(Event{Kind: EvInput, Seq: seq})
	select {
	case line := <-w.input:
		return line, nil
	case <-ctx.Done():
		return "", errInterrupted
	}
}
