package worker

import (
	"bytes"
	"context"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegi stops a cell by raising one run id that all interpreted code
// checks at every step: everything interpreted stops, the goroutines of
// earlier cells too, and closures made before return zero values from
// then on. So an interrupt goes in two steps:
//
//  1. Softly: a cell waiting in time.Sleep (the interpreter's time.Sleep is
//     interrupts.sleep) panics with errInterrupted, which unwinds the cell
//     alone, its defers run. Nothing else is touched.
//  2. If the cell has not ended within softGrace (a busy loop), the run id
//     is raised, which stops all interpreted code that is running. Once the
//     cell's goroutine has ended, the run id is set back, so that what was
//     made before works again: goroutines of earlier cells that were
//     waiting (not running) go on, closures return values again.
//  3. If the cell has still not ended within hardGrace (it waits on a
//     channel), yaegi's stop, which also closes the channel every
//     interpreted channel operation of the cell's run waits on besides its
//     own: goroutines and closures the cell made then stop at their next
//     wait. If the cell's goroutine does not end even then (blocked in
//     compiled code), the id stays raised, as yaegi leaves it.

// softGrace is how long an interrupt waits for the cell to end by itself
// before stopping all interpreted code.
const softGrace = 150 * time.Millisecond

// hardGrace is how long a cell whose run id was raised has to end before
// yaegi's stop.
const hardGrace = 100 * time.Millisecond

// settle is how long goroutines caught inside the interpreter by a raised
// run id get to leave it before the id is set back (afterStop).
const settle = 50 * time.Millisecond

// endGrace is how long a stopped cell's goroutine has to end before the
// interpreter's run id is left raised.
const endGrace = time.Second

// interrupts tells a cell sleeping of its interrupt.
type interrupts struct {
	mu sync.Mutex
	ch chan struct{} // the running cell's, closed by its interrupt
}

// current returns the channel the running cell's interrupt closes.
func (i *interrupts) current() <-chan struct{} {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.ch == nil {
		i.ch = make(chan struct{})
	}
	return i.ch
}

// arm gives the cell about to run a channel of its own and returns what
// interrupts it: only it, even when called after the cell has ended.
func (i *interrupts) arm() (interrupt func()) {
	ch := make(chan struct{})
	i.mu.Lock()
	i.ch = ch
	i.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

// sleep is time.Sleep for interpreted code: the running cell's goroutine
// wakes from it on an interrupt, panicking with errInterrupted; other
// goroutines woken sleep on.
func (i *interrupts) sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-i.current():
		if inCell() {
			panic(errInterrupted)
		}
		<-t.C
	}
}

// cellFrame is the function of every goroutine that runs a cell's chunk
// (ExecuteWithContext runs the chunk on a goroutine of its own).
var cellFrame = []byte("interp.(*Interpreter).ExecuteWithContext.func1(")

// runFrame is the interpreter's execution loop, on the stack of every
// goroutine running interpreted code.
var runFrame = []byte("github.com/traefik/yaegi/interp.runCfg(")

// inCell reports whether the calling goroutine runs a cell's chunk (as
// opposed to a goroutine the cell started).
func inCell() bool {
	return bytes.Contains(stack(false), cellFrame)
}

// stack returns the calling goroutine's stack trace, or all of them.
func stack(all bool) []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, all)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// census is what a stack dump tells of the goroutines running interpreted
// code, by id.
type census struct {
	interpreted map[int64]bool
	cells       map[int64]bool // running a cell's chunk
	// inInterpreter are running or runnable inside the interpreter
	// itself: with the run id raised, those may be leaving their calls.
	inInterpreter map[int64]bool
}

// goroutines takes the census.
func goroutines() census {
	c := census{map[int64]bool{}, map[int64]bool{}, map[int64]bool{}}
	for _, g := range bytes.Split(stack(true), []byte("\n\n")) {
		head, rest, _ := bytes.Cut(g, []byte("\n"))
		idText, state, _ := bytes.Cut(bytes.TrimPrefix(head, []byte("goroutine ")), []byte(" ["))
		id, err := strconv.ParseInt(string(idText), 10, 64)
		if err != nil || !bytes.Contains(g, runFrame) {
			continue
		}
		c.interpreted[id] = true
		if bytes.Contains(g, cellFrame) {
			c.cells[id] = true
		}
		top, _, _ := bytes.Cut(rest, []byte("\n"))
		if (bytes.HasPrefix(state, []byte("running")) || bytes.HasPrefix(state, []byte("runnable"))) &&
			bytes.HasPrefix(top, []byte("github.com/traefik/yaegi/interp.")) {
			c.inInterpreter[id] = true
		}
	}
	return c
}

// stuckCells are the goroutines of stopped cells that never ended
// (blocked in compiled code for good). They belong to the process, not to
// a session: a session that replaces another (%reset) must not wait for
// them either.
var stuckCells = struct {
	sync.Mutex
	ids map[int64]bool
}{ids: map[int64]bool{}}

// runIDOf returns the address of the interpreter's run id, the counter
// its stop raises, or nil if this yaegi has none (TestRunIDField).
func runIDOf(in *interp.Interpreter) *uint64 {
	f := reflect.ValueOf(in).Elem().FieldByName("id")
	if !f.IsValid() || f.Kind() != reflect.Uint64 {
		return nil
	}
	return (*uint64)(unsafe.Pointer(f.UnsafeAddr()))
}

// stop is what a cell's watch did: hard cancels the interpreter's
// execution (yaegi's stop); the rest is the state just before.
type stop struct {
	hard      context.CancelFunc
	stopped   atomic.Bool   // the run id was raised
	ended     chan struct{} // closed by Run once the cell's chunk returned
	endOnce   sync.Once
	runID     uint64         // the run id before it
	before    map[int64]bool // goroutines running interpreted code then
	cellsThen map[int64]bool
}

// newStop returns the stop of a cell about to run.
func newStop(hard context.CancelFunc) *stop {
	return &stop{hard: hard, ended: make(chan struct{})}
}

// end notes that the cell's chunk returned after its run id was raised.
func (st *stop) end() { st.endOnce.Do(func() { close(st.ended) }) }

// watch interrupts the running cell when ctx ends: by soft, after
// softGrace by raising the run id, after hardGrace more by st.hard. It
// returns when done is closed (the cell ended).
func (s *Session) watch(ctx context.Context, st *stop, soft func(), done <-chan struct{}) {
	select {
	case <-done:
		return
	case <-ctx.Done():
	}
	soft()
	select {
	case <-done:
		return
	case <-time.After(softGrace):
	}
	c := goroutines()
	st.before, st.cellsThen = c.interpreted, c.cells
	if s.runID == nil {
		st.stopped.Store(true)
		st.hard()
		return
	}
	st.runID = atomic.LoadUint64(s.runID)
	st.stopped.Store(true)
	atomic.AddUint64(s.runID, 1)
	select {
	case <-st.ended:
	case <-done:
	case <-time.After(hardGrace):
		st.hard()
	}
}

// afterStop waits for the goroutines that ran the stopped cell to end and
// then sets the run id back. It returns whether it did, and how many
// other goroutines running interpreted code stopped meanwhile.
//
// Before setting it back, it gives goroutines caught in the interpreter
// itself (settle) time to leave: one set back halfway out of its calls
// would go on in its caller with the zero results of the call it left.
func (s *Session) afterStop(st *stop) (restored bool, lost int) {
	deadline := time.Now().Add(endGrace)
	settled := time.Now().Add(settle)
	stuckCells.Lock()
	defer stuckCells.Unlock()
	for {
		c := goroutines()
		running, leaving := 0, 0
		for id := range st.cellsThen {
			if c.cells[id] && !stuckCells.ids[id] {
				running++
			}
		}
		for id := range st.before {
			if c.inInterpreter[id] && !c.cells[id] {
				leaving++
			}
		}
		if running == 0 && (leaving == 0 || time.Now().After(settled)) || time.Now().After(deadline) {
			if running == 0 && s.runID != nil {
				atomic.StoreUint64(s.runID, st.runID)
				restored = true
			}
			for id := range st.cellsThen {
				if c.cells[id] {
					stuckCells.ids[id] = true
				}
			}
			// Those that saw the raised id may still be on their way out.
			time.Sleep(5 * time.Millisecond)
			c = goroutines()
			for id := range st.before {
				if !st.cellsThen[id] && !c.interpreted[id] {
					lost++
				}
			}
			return restored, lost
		}
		// Interpreted goroutines running meanwhile stop: not long.
		time.Sleep(100 * time.Microsecond)
	}
}
