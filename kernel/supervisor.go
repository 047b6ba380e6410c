package kernel

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"

	"github.com/fountain-go/fountain/kernel/worker"
	"golang.org/x/sys/unix"
)

// errWorkerDied is returned for requests pending when the worker exited.
var errWorkerDied = errors.New("the evaluator process exited")

// evaluator supervises one worker process.
type evaluator struct {
	cmd    *exec.Cmd
	req    *os.File
	reqMu  sync.Mutex
	out    *capture
	errOut *capture
	events func(worker.Event) // displays, clears and input requests
	exited chan struct{}
	status string // how the process ended, once exited is closed

	mu      sync.Mutex
	seq     int64
	pending map[int64]chan worker.Event
}

// startEvaluator starts "fountain worker" with pipes for requests, events,
// stdout and stderr.
func startEvaluator(exe string, events func(worker.Event)) (*evaluator, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	evR, evW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	var outFDs, errFDs [2]int
	if err := unix.Pipe2(outFDs[:], unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	if err := unix.Pipe2(errFDs[:], unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	outW, errW := os.NewFile(uintptr(outFDs[1]), "stdout"), os.NewFile(uintptr(errFDs[1]), "stderr")
	cmd := exec.Command(exe, "worker")
	cmd.Stdout, cmd.Stderr = outW, errW
	cmd.ExtraFiles = []*os.File{reqR, evW} // fds 3 and 4
	// Own process group: a Ctrl-C in the terminal is the kernel's to handle.
	// Pdeathsig: the worker never outlives the kernel.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start evaluator: %w", err)
	}
	reqR.Close()
	evW.Close()
	outW.Close()
	errW.Close()
	e := &evaluator{
		cmd: cmd, req: reqW, events: events,
		out:     &capture{name: "stdout", fd: outFDs[0]},
		errOut:  &capture{name: "stderr", fd: errFDs[0]},
		exited:  make(chan struct{}),
		pending: map[int64]chan worker.Event{},
	}
	go e.out.loop()
	go e.errOut.loop()
	go e.readEvents(evR)
	return e, nil
}

func (e *evaluator) readEvents(r *os.File) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var ev worker.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			continue
		}
		// Everything printed before the event goes out before it.
		e.syncOutput()
		if ev.Kind == worker.EvReply {
			e.mu.Lock()
			ch := e.pending[ev.Seq]
			delete(e.pending, ev.Seq)
			e.mu.Unlock()
			if ch != nil {
				ch <- ev
			}
			continue
		}
		e.events(ev)
	}
	r.Close()
	err := e.cmd.Wait()
	e.status = describeExit(e.cmd.ProcessState, err)
	e.syncOutput()
	close(e.exited)
	e.mu.Lock()
	for seq, ch := range e.pending {
		close(ch)
		delete(e.pending, seq)
	}
	e.mu.Unlock()
}

func describeExit(ps *os.ProcessState, err error) string {
	if ps == nil {
		return fmt.Sprint(err)
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return "killed by signal " + ws.Signal().String()
	}
	return fmt.Sprintf("exit status %d", ps.ExitCode())
}

func (e *evaluator) syncOutput() {
	e.out.sync()
	e.errOut.sync()
}

// call sends a request and waits for its reply; it returns errWorkerDied if
// the worker exits first.
func (e *evaluator) call(r worker.Request) (json.RawMessage, error) {
	ch := make(chan worker.Event, 1)
	e.mu.Lock()
	e.seq++
	r.Seq = e.seq
	e.pending[r.Seq] = ch
	e.mu.Unlock()
	select {
	case <-e.exited:
		return nil, errWorkerDied
	default:
	}
	if err := e.send(r); err != nil {
		return nil, errWorkerDied
	}
	ev, ok := <-ch
	if !ok {
		return nil, errWorkerDied
	}
	return ev.Reply, nil
}

func (e *evaluator) send(r worker.Request) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	e.reqMu.Lock()
	defer e.reqMu.Unlock()
	_, err = e.req.Write(append(b, '\n'))
	return err
}

// kill stops the worker and waits for it.
func (e *evaluator) kill() {
	e.req.Close()
	if e.cmd.Process != nil {
		e.cmd.Process.Kill()
	}
	<-e.exited
}
