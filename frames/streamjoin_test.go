package frames

import (
	"context"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func sideRows(r *rand.Rand, n int, prefix string) Frame {
	ts := make([]any, n)
	keys := make([]string, n)
	ids := make([]string, n)
	for i := range n {
		ts[i] = sec(r.IntN(400))
		if r.IntN(30) == 0 {
			ts[i] = nil
		}
		keys[i] = []string{"a", "b", "c", "d"}[r.IntN(4)]
		ids[i] = prefix + string(rune('A'+i%26)) + string(rune('a'+i/26%26))
	}
	if n == 0 {
		return New(Column("t", []time.Time{}), Column("k", []string{}), Column("id", []string{}))
	}
	return New(Column("t", ts), Column("k", keys), Column("id", ids))
}

// TestIntervalJoinStreamEqualsBatch: two streams, each out of order within
// its watermark delay and cut into random batches, interleaved at random;
// the joined stream ends with the pairs the batch interval join finds.
func TestIntervalJoinStreamEqualsBatch(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 30 {
		l, rt := sideRows(r, r.IntN(150), "L"), sideRows(r, r.IntN(150), "R")
		spec := IntervalJoinSpec{On: []string{"k"}, LeftTime: "t", RightTime: "t",
			Lower: time.Duration(r.IntN(40)-20) * time.Second, Upper: time.Duration(r.IntN(60)) * time.Second}
		if spec.Upper < spec.Lower {
			spec.Lower, spec.Upper = spec.Upper, spec.Lower
		}
		delay := time.Duration(r.IntN(30)) * time.Second
		for _, down := range []struct {
			name string
			fn   func(Frame) Frame
		}{
			{"pairs", func(f Frame) Frame { return f }},
			{"pairs per key", func(f Frame) Frame { return f.GroupBy("k").Agg(Count(), Col("t_right").Max()) }},
		} {
			want := down.fn(l.Filter(Col("t").IsNotNull()).IntervalJoin(rt.Filter(Col("t").IsNotNull()), spec))
			ls := StreamOf(jitter(t, r, l.Filter(Col("t").IsNotNull()), delay), 1+r.IntN(20)).Watermark("t", delay)
			rs := StreamOf(jitter(t, r, rt.Filter(Col("t").IsNotNull()), delay), 1+r.IntN(20)).Watermark("t", delay)
			q := ls.IntervalJoin(rs, spec).Keep(1 << 20).Apply(down.fn).Start()
			if err := q.Wait(); err != nil {
				t.Fatal(err)
			}
			st := q.Stats()
			if st.Errors != 0 || st.RowsLate != 0 {
				t.Fatalf("trial %d %s: %+v %v", trial, down.name, st, q.LastError())
			}
			if got, w := canon(t, q.Snapshot()), canon(t, want); !slices.Equal(got, w) {
				t.Fatalf("trial %d %s %+v delay %s: stream %d rows\n%s\nbatch %d rows\n%s", trial, down.name, spec, delay,
					len(got), strings.Join(got, "\n"), len(w), strings.Join(w, "\n"))
			}
			// Once both inputs ended, no row can meet another: none is kept.
			if n := q.join.sides[0].buf.n + q.join.sides[1].buf.n; n != 0 {
				t.Fatalf("trial %d: %d rows still buffered after the end", trial, n)
			}
		}
	}
}

func TestIntervalJoinErrors(t *testing.T) {
	l := StreamOf(rowsAt(0, 1), 1)
	wantStreamErr := func(s Stream, want string) {
		t.Helper()
		if err := s.Err(); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error %v, want %q", err, want)
		}
	}
	spec := IntervalJoinSpec{On: []string{"id"}, LeftTime: "t", RightTime: "t", Upper: time.Second}
	wantStreamErr(l.IntervalJoin(l.Watermark("t", 0), spec), "left stream's Watermark")
	wantStreamErr(l.Watermark("t", 0).IntervalJoin(l.Watermark("t", 0).Agg(Count()), spec), "right stream aggregates")
	bad := spec
	bad.Upper, bad.Lower = -time.Second, time.Second
	wantStreamErr(l.Watermark("t", 0).IntervalJoin(l.Watermark("t", 0), bad), "is before Lower")
	wantErr(t, rowsAt(0).IntervalJoin(rowsAt(0), IntervalJoinSpec{On: []string{"id"}, LeftTime: "tt", RightTime: "t"}), `did you mean "t"`)
}

// lockstep sources take turns, so that neither side of a join runs ahead
// of the other by more than a batch or two.
type lockstep struct {
	t           *table
	at, step    int
	mine, other chan struct{}
}

func newLockstep(t *testing.T, f Frame, step int) (*lockstep, *lockstep) {
	tb, err := f.table()
	if err != nil {
		t.Fatal(err)
	}
	a, b := make(chan struct{}, 1), make(chan struct{}, 1)
	a <- struct{}{}
	return &lockstep{t: tb, step: step, mine: a, other: b}, &lockstep{t: tb, step: step, mine: b, other: a}
}

func (l *lockstep) Schema() *arrow.Schema { return l.t.schema }
func (l *lockstep) Next(ctx context.Context) (arrow.Record, error) {
	if l.at >= l.t.n {
		select { // done: let the other side go on alone
		case l.other <- struct{}{}:
		default:
		}
		return nil, io.EOF
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-l.mine:
	}
	hi := min(l.at+l.step, l.t.n)
	p := sliceTable(l.t, l.at, hi)
	l.at = hi
	l.other <- struct{}{}
	return array.NewRecord(p.schema, p.cols, int64(p.n)), nil
}

// The join keeps only rows that can still meet: on a long, ordered night
// with both sides in step, its buffers stay small.
func TestIntervalJoinStateIsBounded(t *testing.T) {
	n := 4000
	ts := make([]time.Time, n)
	ks := make([]string, n)
	for i := range ts {
		ts[i], ks[i] = sec(i), []string{"a", "b"}[i%2]
	}
	f := New(Column("t", ts), Column("k", ks))
	left, right := newLockstep(t, f, 50)
	spec := IntervalJoinSpec{On: []string{"k"}, LeftTime: "t", RightTime: "t", Upper: 10 * time.Second}
	q := StreamFrom(left).Watermark("t", 5*time.Second).
		IntervalJoin(StreamFrom(right).Watermark("t", 5*time.Second), spec).
		Agg(Count()).Start()
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	// Each row meets the 6 of its key 0, 2, ..., 10 s later, but near the end.
	wantRows(t, q.Snapshot(), [][]any{{int64(6*n - 30)}})
	t.Logf("peak %d rows buffered", q.join.peak)
	if q.join.peak > 400 {
		t.Fatalf("%d rows buffered at once for a 10 s interval", q.join.peak)
	}
}
