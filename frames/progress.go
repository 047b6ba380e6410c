package frames

import (
	"sync/atomic"
	"time"
)

// Progress is a report on a long load: what, how far, how long.
type Progress struct {
	Task     string        // such as "read night.parquet"
	Done     int64         // rows so far
	Total    int64         // rows in all (0: not known)
	Elapsed  time.Duration // since the start
	Finished bool          // the last report of the task
}

// progressFn receives reports; the kernel installs one that draws a bar.
// One per process, as a notebook has one output to draw in.
var progressFn atomic.Pointer[func(Progress)]

// progressAfter is how long a load runs before it reports: quick ones
// stay silent.
var progressAfter = 500 * time.Millisecond

// SetProgress installs fn to receive the progress of loads that take more
// than half a second (Parquet scans today), and returns the previous one;
// nil turns reports off. fn is called from the loading goroutine, at most
// a few times a second.
func SetProgress(fn func(Progress)) func(Progress) {
	var old *func(Progress)
	if fn == nil {
		old = progressFn.Swap(nil)
	} else {
		old = progressFn.Swap(&fn)
	}
	if old == nil {
		return nil
	}
	return *old
}

// tracker throttles one task's reports.
type tracker struct {
	fn    func(Progress)
	task  string
	total int64
	start time.Time
	last  time.Time
	shown bool
}

func track(task string, total int64) *tracker {
	p := progressFn.Load()
	if p == nil {
		return nil
	}
	now := time.Now()
	return &tracker{fn: *p, task: task, total: total, start: now}
}

// update reports done rows, if the task is long enough and the last
// report is old enough.
func (t *tracker) update(done int64) {
	if t == nil {
		return
	}
	now := time.Now()
	if now.Sub(t.start) < progressAfter || now.Sub(t.last) < 200*time.Millisecond {
		return
	}
	t.last, t.shown = now, true
	t.fn(Progress{Task: t.task, Done: done, Total: t.total, Elapsed: now.Sub(t.start)})
}

// finish sends the last report, if any was sent.
func (t *tracker) finish(done int64) {
	if t == nil || !t.shown {
		return
	}
	t.fn(Progress{Task: t.task, Done: done, Total: t.total, Elapsed: time.Since(t.start), Finished: true})
}
