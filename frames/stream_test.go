package frames

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

var t0 = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func sec(n int) time.Time { return t0.Add(time.Duration(n) * time.Second) }

func TestWindowsOnFrames(t *testing.T) {
	f := New(Column("t", []time.Time{sec(0), sec(29), sec(30), sec(75)}), Column("x", []int64{1, 2, 3, 4}))
	wantRows(t, f.GroupByWindow(Tumbling("t", 30*time.Second)).Agg(Col("x").Sum()), [][]any{
		{sec(0), sec(30), int64(3)}, {sec(30), sec(60), int64(3)}, {sec(60), sec(90), int64(4)},
	})
	// Sliding 60 s every 30 s: each row is in two windows.
	wantRows(t, f.GroupByWindow(Sliding("t", time.Minute, 30*time.Second)).Agg(Col("x").Sum()).Sort("window_start"), [][]any{
		{sec(-30), sec(30), int64(3)}, {sec(0), sec(60), int64(6)}, {sec(30), sec(90), int64(7)}, {sec(60), sec(120), int64(4)},
	})
	// Cumulative: [0,30), [0,60), [0,90) of each 90 s period.
	wantRows(t, f.GroupByWindow(Cumulative("t", 30*time.Second, 90*time.Second)).Agg(Col("x").Sum()).Sort("window_end"), [][]any{
		{sec(0), sec(30), int64(3)}, {sec(0), sec(60), int64(6)}, {sec(0), sec(90), int64(10)},
	})
	// Sessions per key with a 20 s gap.
	g := New(Column("t", []time.Time{sec(0), sec(10), sec(50), sec(5), sec(60)}), Column("k", []string{"a", "a", "a", "b", "b"}))
	wantRows(t, g.GroupByWindow(Session("t", 20*time.Second), "k").Count().Sort("k", "window_start"), [][]any{
		{sec(0), sec(30), "a", int64(2)}, {sec(50), sec(70), "a", int64(1)}, {sec(5), sec(25), "b", int64(1)}, {sec(60), sec(80), "b", int64(1)},
	})
	// Rows without a time are in no window.
	h := New(Column("t", []any{sec(0), nil}), Column("x", []int64{1, 2}))
	wantRows(t, h.Window(Tumbling("t", time.Minute)).Select("x"), [][]any{{int64(1)}})
	wantErr(t, f.Window(Tumbling("x", time.Minute)), `column "x" is int64, not a timestamp`)
	wantErr(t, f.Window(Tumbling("tt", time.Minute)), `did you mean "t"`)
	wantErr(t, f.Window(Sliding("t", time.Second, time.Minute)), "the step is longer than the window")
	wantErr(t, f.Window(WindowSpec{}), "no window given")
}

// alertRows makes n rows of a night: times over ten minutes (some on window
// boundaries), bands with nulls, magnitudes with nulls, unique ids.
func alertRows(r *rand.Rand, n int) Frame {
	if n == 0 {
		return New(Column("t", []time.Time{}), Column("band", []string{}), Column("mag", []float64{}), Column("id", []int64{}))
	}
	ts := make([]any, n)
	bands := make([]any, n)
	mags := make([]any, n)
	ids := make([]int64, n)
	for i := range n {
		secs := r.IntN(600)
		if r.IntN(8) == 0 {
			secs = 30 * r.IntN(20)
		}
		ts[i] = sec(secs).Add(time.Duration(r.IntN(1000)) * time.Millisecond)
		if r.IntN(40) == 0 {
			ts[i] = nil
		}
		bands[i] = []string{"g", "r", "i"}[r.IntN(3)]
		if r.IntN(15) == 0 {
			bands[i] = nil
		}
		mags[i] = 15 + 6*r.Float64()
		if r.IntN(10) == 0 {
			mags[i] = nil
		}
		ids[i] = int64(i)
	}
	return New(Column("t", ts), Column("band", bands), Column("mag", mags), Column("id", ids))
}

var fids = New(Column("band", []string{"g", "r", "i"}), Column("fid", []int32{1, 2, 3}))

// The pipelines the equivalence test runs, each written once for Frames.
var pipelines = []struct {
	name string
	fn   func(Frame) Frame
}{
	{"tumbling window, every aggregation", func(f Frame) Frame {
		return f.Filter(Col("mag").Lt(Lit(20.5)).Or(Col("mag").IsNull())).GroupByWindow(Tumbling("t", 30*time.Second), "band").
			Agg(Count(), Col("mag").Count(), Col("mag").Sum(), Col("mag").Mean(), Col("mag").Min(), Col("mag").Max(),
				Col("mag").Std(), Col("mag").Var(), Col("id").Sum(), Col("id").Min(), Col("band").Max(),
				Col("mag").Median(), Col("mag").Quantile(0.9), Col("band").CountDistinct())
	}},
	{"sliding window", func(f Frame) Frame {
		return f.GroupByWindow(Sliding("t", time.Minute, 20*time.Second), "band").Agg(Count(), Col("mag").Mean())
	}},
	{"cumulative window", func(f Frame) Frame {
		return f.GroupByWindow(Cumulative("t", 20*time.Second, time.Minute)).Agg(Count(), Col("mag").Max(), Col("t").Max())
	}},
	{"window by start only", func(f Frame) Frame {
		return f.Window(Tumbling("t", 45*time.Second)).GroupBy("window_start").Agg(Col("id").Count())
	}},
	{"session windows", func(f Frame) Frame {
		return f.GroupByWindow(Session("t", 20*time.Second), "band").Agg(Count(), Col("mag").Max(), Col("id").Sum())
	}},
	{"group-by without windows", func(f Frame) Frame {
		return f.GroupBy("band").Agg(Count(), Col("mag").Sum(), Col("mag").Min(), Col("t").Min(), Col("mag").Round(0).CountDistinct())
	}},
	{"whole-stream aggregation", func(f Frame) Frame { return f.Agg(Count(), Col("mag").Mean(), Col("mag").Std()) }},
	{"per-row steps only", func(f Frame) Frame {
		return f.WithColumn("flux", Lit(10.0).Pow(Col("mag").Mul(Lit(-0.4)))).Filter(Col("band").Eq(Lit("r"))).Select("id", "flux")
	}},
	{"top-k", func(f Frame) Frame { return f.TopK(5, Desc("mag"), Asc("id")) }},
	{"top-k per key", func(f Frame) Frame { return f.GroupBy("band").TopK(2, Asc("mag"), Asc("id")) }},
	{"distinct", func(f Frame) Frame {
		return f.WithColumn("bright", Col("mag").Lt(Lit(17.0))).Select("band", "bright").Unique()
	}},
	{"lookup join, then windows", func(f Frame) Frame {
		return f.Join(fids, "band").GroupByWindow(Tumbling("t", time.Minute), "fid").Agg(Count())
	}},
	{"steps after the aggregation", func(f Frame) Frame {
		return f.GroupByWindow(Tumbling("t", 30*time.Second), "band").Agg(Count()).
			Filter(Col("count").Gt(Lit(1))).WithColumn("double", Col("count").Mul(Lit(2))).Sort("window_start", "band")
	}},
}

// canon is a Frame's rows as sorted strings, floats to 9 significant digits.
func canon(t *testing.T, f Frame) []string {
	t.Helper()
	tb, err := f.table()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, tb.n)
	for i := range out {
		var b strings.Builder
		for _, c := range tb.cols {
			v := goValue(c, i)
			if x, ok := v.(float64); ok {
				v = fmt.Sprintf("%.9g", x)
			}
			fmt.Fprintf(&b, "%v|", v)
		}
		out[i] = b.String()
	}
	slices.Sort(out)
	return out
}

// jitter reorders rows as a stream with out-of-orderness under d would
// deliver them: by time plus a random delay in [0, d).
func jitter(t *testing.T, r *rand.Rand, f Frame, d time.Duration) Frame {
	tb, err := f.table()
	if err != nil {
		t.Fatal(err)
	}
	ts := tb.col("t").(*array.Timestamp)
	key := make([]int64, tb.n)
	idx := make([]int32, tb.n)
	for i := range idx {
		idx[i] = int32(i)
		key[i] = int64(ts.Value(i)) + r.Int64N(max(int64(d/time.Microsecond), 1))
		if ts.IsNull(i) {
			key[i] = r.Int64N(int64(10 * time.Minute / time.Microsecond)) // any time at all
		}
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(key[a]+int64(t0.UnixMicro()), key[b]+int64(t0.UnixMicro())) })
	out, err := takeTable(tb, idx)
	if err != nil {
		t.Fatal(err)
	}
	return fromTable(out, "jittered")
}

// TestStreamEqualsBatch: for every pipeline, random rows, random batch
// sizes and any arrival order within the lateness bound, the final result
// of the stream equals the batch result on the same rows.
func TestStreamEqualsBatch(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 60 {
		n := r.IntN(400)
		if trial%10 == 0 {
			n = 0
		}
		f := alertRows(r, n)
		delay := time.Duration(r.IntN(40)) * time.Second
		lateness := time.Duration(r.IntN(2)) * 20 * time.Second
		arrived := jitter(t, r, f, delay+lateness)
		batch := 1 + r.IntN(60)
		for _, p := range pipelines {
			for _, mode := range []Mode{Changelog, Append} {
				want := p.fn(f)
				s := StreamOf(arrived, batch).Watermark("t", delay).AllowedLateness(lateness).Mode(mode).Apply(p.fn)
				q := s.Start()
				if err := q.Wait(); err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				if q.Stats().Errors != 0 {
					t.Fatalf("%s: %v", p.name, q.LastError())
				}
				if late := q.Stats().RowsLate; late != 0 {
					t.Fatalf("%s (trial %d, delay %s, lateness %s): %d rows late within the bound\n%s", p.name, trial, delay, lateness, late, q.Late())
				}
				got, w := canon(t, q.Snapshot()), canon(t, want)
				if !slices.Equal(got, w) {
					t.Fatalf("%s (trial %d, %d rows, batches of %d, delay %s, %s): stream\n%s\nbatch\n%s",
						p.name, trial, n, batch, delay, mode, strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
			}
		}
	}
}

// TestChangelogReplaysToResult: applying the changes a sink received gives
// the result, and the batch result.
func TestChangelogReplaysToResult(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	f := alertRows(r, 500)
	for _, p := range pipelines {
		var mu sync.Mutex
		state := map[string]int{}
		var bad []string
		sink := func(ch Frame) error {
			tb, err := ch.table()
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			ops := tb.cols[0].(*array.String)
			for i := range tb.n {
				one, _ := takeTable(&table{schema: arrow.NewSchema(tb.schema.Fields()[1:], nil), cols: tb.cols[1:], n: tb.n}, []int32{int32(i)})
				k := canon(t, fromTable(one, ""))[0]
				switch ops.Value(i) {
				case "+I", "+U":
					state[k]++
				case "-U", "-D":
					if state[k] == 0 {
						bad = append(bad, "retracted a row never inserted: "+k)
					}
					state[k]--
				}
			}
			return nil
		}
		q := StreamOf(f, 37).Watermark("t", 10*time.Second).Apply(p.fn).Sink(sink).Start()
		if err := q.Wait(); err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Fatalf("%s: %s", p.name, bad[0])
		}
		var replayed []string
		for k, c := range state {
			for range c {
				replayed = append(replayed, k)
			}
		}
		slices.Sort(replayed)
		if strings.Contains(p.name, "after the aggregation") {
			// Sinks get the changes of the stateful step; the steps
			// after it shape the result only.
			continue
		}
		snap := canon(t, q.Snapshot())
		if !slices.Equal(replayed, snap) {
			t.Fatalf("%s: changelog replays to\n%s\nresult is\n%s", p.name, strings.Join(replayed, "\n"), strings.Join(snap, "\n"))
		}
	}
}

// manual is a source whose batches a test hands over one at a time.
type manual struct {
	schema *arrow.Schema
	ch     chan Frame
}

func newManual(f Frame) *manual         { return &manual{schema: f.Schema(), ch: make(chan Frame)} }
func (m *manual) Schema() *arrow.Schema { return m.schema }
func (m *manual) Next(ctx context.Context) (arrow.Record, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case f, ok := <-m.ch:
		if !ok {
			return nil, io.EOF
		}
		return f.Record()
	case <-time.After(5 * time.Millisecond):
		return nil, nil // nothing arrived: lets idle partitions age
	}
}

// send hands a batch over and waits until the query has taken it in.
func (m *manual) send(t *testing.T, q *Query, f Frame) {
	t.Helper()
	before := q.Stats().Batches
	m.ch <- f
	deadline := time.Now().Add(5 * time.Second)
	for q.Stats().Batches == before {
		if time.Now().After(deadline) {
			t.Fatal("the query did not take the batch")
		}
		time.Sleep(time.Millisecond)
	}
	// The batch is counted before its windows close; wait for the lock.
	q.Version()
}

func rowsAt(secs ...int) Frame {
	ts := make([]time.Time, len(secs))
	ids := make([]int64, len(secs))
	for i, s := range secs {
		ts[i], ids[i] = sec(s), int64(s)
	}
	return New(Column("t", ts), Column("id", ids))
}

func TestLateRowsGoToTheSideOutput(t *testing.T) {
	for _, tc := range []struct {
		lateness time.Duration
		late     int64
		counts   map[string]int64
	}{
		// The watermark reaches 40 s: window [0, 30) closed, the row at 5 s is late.
		{0, 1, map[string]int64{"0": 2, "30": 1}},
		// With 15 s of allowed lateness [0, 30) stays open until 45 s.
		{15 * time.Second, 0, map[string]int64{"0": 3, "30": 1}},
	} {
		src := newManual(rowsAt(0))
		q := StreamFrom(src).Watermark("t", 0).AllowedLateness(tc.lateness).
			GroupByWindow(Tumbling("t", 30*time.Second)).Count().Start()
		src.send(t, q, rowsAt(0, 10, 40))
		src.send(t, q, rowsAt(5))
		if got := q.Stats().Watermark; !got.Equal(sec(40)) {
			t.Fatalf("watermark %s, want %s", got, sec(40))
		}
		close(src.ch)
		if err := q.Wait(); err != nil {
			t.Fatal(err)
		}
		if got := q.Stats().RowsLate; got != tc.late {
			t.Fatalf("lateness %s: %d late rows, want %d", tc.lateness, got, tc.late)
		}
		if tc.late > 0 {
			wantRows(t, q.Late().Select("id"), [][]any{{int64(5)}})
		}
		got := map[string]int64{}
		for _, row := range rows(t, q.Snapshot()) {
			got[fmt.Sprint(row[0].(time.Time).Sub(t0).Seconds())] = row[2].(int64)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.counts) {
			t.Fatalf("lateness %s: counts %v, want %v", tc.lateness, got, tc.counts)
		}
	}
}

func TestWindowBoundariesAndAppendOutput(t *testing.T) {
	src := newManual(rowsAt(0))
	var mu sync.Mutex
	var emitted [][]any
	q := StreamFrom(src).Watermark("t", 0).Mode(Append).GroupByWindow(Tumbling("t", 30*time.Second)).Count().
		Sink(func(f Frame) error {
			mu.Lock()
			defer mu.Unlock()
			emitted = append(emitted, rows(t, f)...)
			return nil
		}).Start()
	src.send(t, q, rowsAt(0, 29))
	if n := q.Snapshot().Len(); n != 0 {
		t.Fatalf("append mode shows %d rows of an open window", n)
	}
	// A row exactly at 30 s is in the next window, and the watermark at
	// 30 s closes [0, 30): its end is exclusive.
	src.send(t, q, rowsAt(30))
	wantRows(t, q.Snapshot(), [][]any{{sec(0), sec(30), int64(2)}})
	src.send(t, q, rowsAt(29)) // late now
	close(src.ch)
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	wantRows(t, q.Snapshot(), [][]any{{sec(0), sec(30), int64(2)}, {sec(30), sec(60), int64(1)}})
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(emitted) != fmt.Sprint(rows(t, q.Snapshot())) {
		t.Fatalf("sink got %v", emitted)
	}
	if q.Stats().RowsLate != 1 || q.Stats().StateRows != 0 {
		t.Fatalf("stats %+v: want 1 late row and no state left", q.Stats())
	}
}

func TestIdlePartitions(t *testing.T) {
	part := func(p int32, secs ...int) Frame {
		ps := make([]int32, len(secs))
		for i := range ps {
			ps[i] = p
		}
		return rowsAt(secs...).WithColumn("p", Lit(p))
	}
	for _, idle := range []time.Duration{0, 30 * time.Millisecond} {
		src := newManual(part(0, 0))
		s := StreamFrom(src).Watermark("t", 0)
		if idle > 0 {
			s = s.IdlePartitions("p", idle)
		} else {
			s = s.IdlePartitions("p", 0)
		}
		q := s.GroupByWindow(Tumbling("t", 30*time.Second)).Count().Start()
		src.send(t, q, part(1, 10))
		src.send(t, q, part(0, 100))
		// Partition 1 holds the watermark at 10 s until it counts as idle;
		// with idleness, partitions not seen yet hold it at first.
		want := sec(10)
		if idle > 0 {
			want = time.Time{}
		}
		if got := q.Stats().Watermark; !got.Equal(want) {
			t.Fatalf("idle %s: watermark %s, want %s", idle, got, want)
		}
		time.Sleep(80 * time.Millisecond)
		want = sec(10)
		if idle > 0 {
			want = sec(100)
		}
		if got := q.Stats().Watermark; !got.Equal(want) {
			t.Fatalf("idle %s: watermark %s, want %s", idle, got, want)
		}
		q.Stop()
	}
}

func TestStreamBoundsAndErrors(t *testing.T) {
	f := rowsAt(0, 10, 20, 30, 40, 50, 60)
	res := StreamOf(f, 2).Limit(3).Agg(Count()).Collect()
	wantRows(t, res, [][]any{{int64(3)}})

	// A stream that never ends, bounded in time.
	src := newManual(f)
	q := StreamFrom(src).Until(50 * time.Millisecond).Agg(Count()).Start()
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	if !q.Stats().Ended {
		t.Fatal("Until did not end the stream as its input")
	}

	// Errors name what is wrong, at Start.
	for _, tc := range []struct {
		s    Stream
		want string
	}{
		{StreamOf(f, 1).Filter(Col("idd").Gt(Lit(1))), `did you mean "id"`},
		{StreamOf(f, 1).Watermark("id", time.Second), "not a timestamp"},
		{StreamOf(f, 1).Agg(Col("id").List()), "depends on the order rows arrive in"},
		{StreamOf(f, 1).Agg(Col("id").First()), "depends on the order rows arrive in"},
		{StreamOf(f, 1).Window(Session("t", time.Second)), "session windows on a stream must be aggregated"},
	} {
		err := tc.s.Start().Wait()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("error %v, want %q", err, tc.want)
		}
	}
	// A pipeline that panics is an error, not a crash.
	err := StreamOf(f, 1).Apply(func(Frame) Frame { panic("boom") }).Err()
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("error %v", err)
	}
}

func TestBadBatchesAreCountedAndTheStreamGoesOn(t *testing.T) {
	sch := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.BinaryTypes.String}}, nil)
	ch := make(chan Frame, 3)
	ch <- New(Column("x", []string{"1", "2"}))
	ch <- New(Column("y", []int64{1})) // wrong schema
	ch <- New(Column("x", []string{"3"}))
	close(ch)
	var calls int
	q := StreamFromChan(sch, ch).Agg(Count()).Sink(func(Frame) error {
		calls++
		if calls == 1 {
			return fmt.Errorf("sink down")
		}
		return nil
	}).Start()
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	wantRows(t, q.Snapshot(), [][]any{{int64(3)}})
	if s := q.Stats(); s.Errors != 2 || !strings.Contains(fmt.Sprint(q.LastError()), "schema") && !strings.Contains(fmt.Sprint(q.LastError()), "sink down") {
		t.Fatalf("stats %+v, last error %v", s, q.LastError())
	}
}

func TestRunningAndStop(t *testing.T) {
	src := newManual(rowsAt(0))
	q := StreamFrom(src).Named("night").Agg(Count()).Start()
	if !slices.Contains(Running(), q) || q.Name() != "night" {
		t.Fatalf("running: %v", Running())
	}
	src.send(t, q, rowsAt(1, 2))
	StopAll()
	if slices.Contains(Running(), q) {
		t.Fatal("still running after StopAll")
	}
	wantRows(t, q.Snapshot(), [][]any{{int64(2)}})
	if q.Stats().Ended {
		t.Fatal("a stopped stream is not an ended one")
	}
	if !strings.Contains(StreamOf(rowsAt(0), 1).Watermark("t", 0).GroupByWindow(Tumbling("t", time.Minute)).Count().Explain(), "windowed aggregation") {
		t.Fatal("Explain does not say how the stream runs")
	}
}

func TestUntilWatermarkSeesTheSameRows(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	f := alertRows(r, 300).Filter(Col("t").IsNotNull())
	cut := sec(300)
	pipe := func(f Frame) Frame {
		return f.Filter(Col("t").Lt(Lit(cut))).GroupBy("band").Agg(Count(), Col("mag").Mean())
	}
	want := canon(t, pipe(f))
	for _, batch := range []int{1, 7, 50} {
		src := jitter(t, r, f, 10*time.Second)
		q := StreamOf(src, batch).Watermark("t", 10*time.Second).UntilWatermark(cut).Apply(pipe).Start()
		if err := q.Wait(); err != nil {
			t.Fatal(err)
		}
		if !q.Stats().Ended || q.Stats().RowsIn == int64(f.Len()) {
			t.Fatalf("batches of %d: read %d of %d rows; want to stop early", batch, q.Stats().RowsIn, f.Len())
		}
		if got := canon(t, q.Snapshot()); !slices.Equal(got, want) {
			t.Fatalf("batches of %d: %v, want %v", batch, got, want)
		}
	}
}

// In Append mode sinks get the final rows: every row of a per-row pipeline
// as it comes, and other results when the input ends.
func TestAppendModeSinks(t *testing.T) {
	f := rowsAt(0, 10, 20, 30, 40)
	for _, tc := range []struct {
		name string
		fn   func(Frame) Frame
		want int
	}{
		{"rows", func(f Frame) Frame { return f.Filter(Col("id").Gt(Lit(5))) }, 4},
		{"aggregation", func(f Frame) Frame { return f.Agg(Count()) }, 1},
		{"top-k", func(f Frame) Frame { return f.TopK(2, Desc("id")) }, 2},
		{"windows", func(f Frame) Frame { return f.GroupByWindow(Tumbling("t", 30*time.Second)).Count() }, 2},
		{"sessions", func(f Frame) Frame { return f.GroupByWindow(Session("t", 15*time.Second)).Count() }, 1},
	} {
		var got []Frame
		q := StreamOf(f, 2).Watermark("t", 0).Mode(Append).Apply(tc.fn).Sink(func(f Frame) error {
			got = append(got, f)
			return nil
		}).Start()
		if err := q.Wait(); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range got {
			n += g.Len()
			if g.Schema().HasField("op") {
				t.Fatalf("%s: append output has an op column", tc.name)
			}
		}
		if n != tc.want {
			t.Fatalf("%s: sinks got %d rows, want %d", tc.name, n, tc.want)
		}
	}
}

func TestStreamFromFunc(t *testing.T) {
	n := 0
	next := func(ctx context.Context) (Frame, error) {
		if n++; n > 3 {
			return Frame{}, io.EOF
		}
		if n == 2 {
			return rowsAt().Head(0), nil // nothing this time
		}
		return rowsAt(n), nil
	}
	wantRows(t, StreamFromFunc(rowsAt(0).Schema(), next).Agg(Count()).Collect(), [][]any{{int64(2)}})
}

func TestWriteTo(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(8, 8))
	f := alertRows(r, 300)
	pq, ar := filepath.Join(dir, "w.parquet"), filepath.Join(dir, "w.arrows")
	q := StreamOf(f, 17).Watermark("t", 0).Mode(Append).
		GroupByWindow(Tumbling("t", 30*time.Second), "band").Agg(Count(), Col("mag").Mean()).
		WriteTo(pq).WriteTo(ar).Start()
	if err := q.Wait(); err != nil || q.LastError() != nil {
		t.Fatal(err, q.LastError())
	}
	want := canon(t, q.Snapshot())
	for _, p := range []string{pq, ar} {
		if got := canon(t, Read(p)); !slices.Equal(got, want) {
			t.Fatalf("%s: %d rows, want %d", p, len(got), len(want))
		}
	}
	// No output at all still leaves a readable, empty file.
	empty := filepath.Join(dir, "empty.parquet")
	StreamOf(f.Head(0), 1).Mode(Append).Filter(Col("id").Gt(Lit(0))).WriteTo(empty).Collect()
	if g := Read(empty); g.Err() != nil || g.Len() != 0 {
		t.Fatalf("empty file: %v, %d rows", g.Err(), g.Len())
	}
	if err := StreamOf(f, 1).WriteTo("x.avro").Err(); err == nil {
		t.Fatal("wrote Avro")
	}
}

func TestReplayPacesByEventTime(t *testing.T) {
	f := rowsAt(30, 0, 10, 20) // out of order: replayed in time order
	start := time.Now()
	got := Replay(f, "t", 100, 10).Keep(100).Collect() // 30 s of night at 100x: 0.3 s
	if d := time.Since(start); d < 250*time.Millisecond || d > 3*time.Second {
		t.Fatalf("replay took %s, want about 300 ms", d)
	}
	wantRows(t, got.Select("id"), [][]any{{int64(0)}, {int64(10)}, {int64(20)}, {int64(30)}})
	if err := Replay(f, "id", 1, 1).Err(); err == nil || !strings.Contains(err.Error(), "not a timestamp") {
		t.Fatalf("error %v", err)
	}
	fast := Replay(f, "t", 0, 3).Agg(Count()).Collect()
	wantRows(t, fast, [][]any{{int64(4)}})
}
