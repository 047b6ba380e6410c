package frames

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// gated replays a Frame's rows up to a gate the test moves, and can resume
// from a position, as a Kafka source reading partitions can.
type gated struct {
	t    *table
	step int

	mu     sync.Mutex
	at     int
	gate   int
	closed bool
}

func newGated(t *testing.T, f Frame, step, gate int) *gated {
	tb, err := f.table()
	if err != nil {
		t.Fatal(err)
	}
	return &gated{t: tb, step: step, gate: gate}
}

func (g *gated) Schema() *arrow.Schema { return g.t.schema }
func (g *gated) Next(ctx context.Context) (arrow.Record, error) {
	for {
		g.mu.Lock()
		if g.at < g.gate {
			hi := min(g.at+g.step, g.gate)
			p := sliceTable(g.t, g.at, hi)
			g.at = hi
			g.mu.Unlock()
			return array.NewRecord(p.schema, p.cols, int64(p.n)), nil
		}
		done := g.closed && g.at >= g.t.n
		g.mu.Unlock()
		if done {
			return nil, io.EOF
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Millisecond):
		}
	}
}

func (g *gated) open(n int, end bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gate, g.closed = n, end
}

func (g *gated) Position() ([]byte, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return []byte(strconv.Itoa(g.at)), nil
}

func (g *gated) Resume(pos []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	at, err := strconv.Atoi(string(pos))
	g.at = at
	return err
}

func waitRows(t *testing.T, q *Query, n int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for q.Stats().RowsIn < n {
		if time.Now().After(deadline) {
			t.Fatalf("the query read %d rows, not %d", q.Stats().RowsIn, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckpointResumesWithoutDoubleCounting: a query is "killed" after
// some rows, having processed more after its last checkpoint; a new query
// of the same pipeline resumes from the checkpoint, re-reads what followed
// it, and ends with the batch result — every row counted once.
func TestCheckpointResumesWithoutDoubleCounting(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	f := jitter(t, r, alertRows(r, 300), 20*time.Second)
	for _, p := range pipelines {
		dir := t.TempDir()
		path := filepath.Join(dir, "query.ckpt")
		def := func(src BatchSource) Stream {
			return StreamFrom(src).Watermark("t", 20*time.Second).Apply(p.fn).Checkpoint(path, 0)
		}
		src1 := newGated(t, f, 7, 100)
		q1 := def(src1).Start()
		waitRows(t, q1, 100)
		copyFile(t, path, filepath.Join(dir, "at-100"))
		src1.open(180, false)
		waitRows(t, q1, 180)
		q1.Stop()
		// The crash: what q1 did after row 100 is lost.
		copyFile(t, filepath.Join(dir, "at-100"), path)

		src2 := newGated(t, f, 11, f.Len())
		src2.open(f.Len(), true)
		q2 := def(src2).Start()
		if err := q2.Wait(); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		st := q2.Stats()
		if !st.Resumed || st.RowsIn != int64(f.Len()) || st.RowsLate != 0 {
			t.Fatalf("%s: stats %+v", p.name, st)
		}
		if got, want := canon(t, q2.Snapshot()), canon(t, p.fn(f)); !slices.Equal(got, want) {
			t.Fatalf("%s: resumed\n%s\nbatch\n%s", p.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestCheckpointErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.ckpt")
	f := rowsAt(0, 10, 20)
	q := StreamOf(f, 1).Agg(Count()).Checkpoint(path, time.Hour).Start()
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	// Another pipeline on the same file is refused, not mixed up.
	err := StreamOf(f, 1).GroupBy("id").Count().Checkpoint(path, time.Hour).Start().Wait()
	if err == nil || !strings.Contains(err.Error(), "another pipeline") {
		t.Fatalf("error %v", err)
	}
	// A source that cannot resume.
	ch := make(chan Frame)
	close(ch)
	err = StreamFromChan(f.Schema(), ch).Agg(Count()).Checkpoint(filepath.Join(dir, "x"), time.Hour).Start().Wait()
	if err == nil || !strings.Contains(err.Error(), "cannot resume") {
		t.Fatalf("error %v", err)
	}
	os.WriteFile(path, []byte("garbage"), 0o644)
	err = StreamOf(f, 1).Agg(Count()).Checkpoint(path, time.Hour).Start().Wait()
	if err == nil || !strings.Contains(err.Error(), "not a checkpoint") {
		t.Fatalf("error %v", err)
	}
}

// A bounded run with a checkpoint, then another: together they count every
// row once (the batch that reaches the limit is not cut).
func TestCheckpointAcrossBoundedRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.ckpt")
	f := rowsAt(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	def := func() Stream { return StreamOf(f, 3).Agg(Count()).Checkpoint(path, time.Hour) }
	first := def().Limit(4).Collect()
	if n, _ := first.Value(0, "count"); n.(int64) != 6 { // two whole batches of 3
		t.Fatalf("first run counted %v", n)
	}
	wantRows(t, def().Collect(), [][]any{{int64(11)}})
}

// An interval join of two streams checkpoints both inputs (buffers,
// watermarks, late rows, positions): killed after its last checkpoint and
// resumed, it ends with the batch join's pairs, each once.
func TestCheckpointIntervalJoin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	delay := 15 * time.Second
	spec := IntervalJoinSpec{On: []string{"k"}, LeftTime: "t", RightTime: "t", Lower: -10 * time.Second, Upper: 20 * time.Second}
	l := jitter(t, r, sideRows(r, 240, "L").Filter(Col("t").IsNotNull()), delay)
	rt := jitter(t, r, sideRows(r, 240, "R").Filter(Col("t").IsNotNull()), delay)
	for _, down := range []struct {
		name string
		fn   func(Frame) Frame
	}{
		{"pairs", func(f Frame) Frame { return f }},
		{"pairs per key", func(f Frame) Frame { return f.GroupBy("k").Agg(Count(), Col("t_right").Max()) }},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "join.ckpt")
		def := func(ls, rs BatchSource) Stream {
			return StreamFrom(ls).Watermark("t", delay).
				IntervalJoin(StreamFrom(rs).Watermark("t", delay), spec).Keep(1<<20).Apply(down.fn).Checkpoint(path, 0)
		}
		l1, r1 := newGated(t, l, 7, 60), newGated(t, rt, 5, 60)
		q1 := def(l1, r1).Start()
		waitRows(t, q1, 120)
		copyFile(t, path, filepath.Join(dir, "at-120"))
		l1.open(150, false)
		r1.open(170, false)
		waitRows(t, q1, 320)
		q1.Stop()
		// The crash: what q1 did after its 120th row is lost.
		copyFile(t, filepath.Join(dir, "at-120"), path)

		l2, r2 := newGated(t, l, 9, l.Len()), newGated(t, rt, 4, rt.Len())
		l2.open(l.Len(), true)
		r2.open(rt.Len(), true)
		q2 := def(l2, r2).Start()
		if err := q2.Wait(); err != nil {
			t.Fatalf("%s: %v", down.name, err)
		}
		st := q2.Stats()
		if !st.Resumed || st.RowsIn != int64(l.Len()+rt.Len()) || st.Errors != 0 {
			t.Fatalf("%s: stats %+v, last error %v", down.name, st, q2.LastError())
		}
		want := down.fn(l.IntervalJoin(rt, spec))
		if got, w := canon(t, q2.Snapshot()), canon(t, want); len(w) == 0 || !slices.Equal(got, w) {
			t.Fatalf("%s: resumed %d rows\n%s\nbatch %d rows\n%s", down.name, len(got), strings.Join(got, "\n"), len(w), strings.Join(w, "\n"))
		}
	}
}
