package frames

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// joinInputs are the two streams of a stream-stream interval join.
type joinInputs struct {
	left, right *stream
	spec        IntervalJoinSpec
}

// IntervalJoin joins the stream with another on keys and a time interval
// (see Frame.IntervalJoin): a left row meets the right rows that came or
// will come within [its time + Lower, its time + Upper]. Both streams must
// declare their Watermark on the join's time column and have no
// aggregation before the join; each keeps its rows until the other's
// watermark shows no match can come any more. Rows later than their own
// side's watermark go to LateInput.
func (s Stream) IntervalJoin(right Stream, spec IntervalJoinSpec) Stream {
	if err := right.Err(); err != nil {
		return Stream{&stream{err: fmt.Errorf("IntervalJoin: the right stream: %w", err)}}
	}
	return s.with(func(c *stream) error {
		l, r := s.s, right.s
		if l.join != nil || r.join != nil {
			return fmt.Errorf("IntervalJoin: a joined stream cannot be joined again yet")
		}
		for _, side := range []struct {
			st   *stream
			col  string
			name string
		}{{l, spec.LeftTime, "left"}, {r, spec.RightTime, "right"}} {
			if side.st.wm == nil || side.st.wm.col != side.col {
				return fmt.Errorf("IntervalJoin: declare the %s stream's Watermark on %q first", side.name, side.col)
			}
			cs, err := compileStream(side.st)
			if err != nil {
				return fmt.Errorf("IntervalJoin: the %s stream: %w", side.name, err)
			}
			if cs.kind != "rows" || cs.post != nil {
				return fmt.Errorf("IntervalJoin: the %s stream aggregates; join before aggregating", side.name)
			}
		}
		jn, err := newIntervalJoin(&leafNode{schema: l.plan.Schema(), name: "left"}, &leafNode{schema: r.plan.Schema(), name: "right"}, spec)
		if err != nil {
			return err
		}
		leaf := &leafNode{schema: jn.Schema(), name: "interval join"}
		*c = stream{name: l.name, pre: leaf, leaf0: leaf, plan: leaf, leaf: leaf, keep: l.keep,
			join: &joinInputs{left: l, right: r, spec: spec}}
		return nil
	})
}

// joinSide is one input of a running interval join.
type joinSide struct {
	st   *stream
	c    *compiled
	src  BatchSource
	wm   *wmState
	buf  *table   // rows that may still meet rows of the other side
	late rowsKept // rows later than this side's watermark
	done bool
	pos  []byte // the source's position after the last batch taken in
}

// joinState is a running interval join.
type joinState struct {
	sides [2]*joinSide
	node  *intervalJoinNode
	lo    int64 // Lower, Upper in ns
	hi    int64
	peak  int // most rows buffered at once, for tests
}

func newJoinState(j *joinInputs) (*joinState, error) {
	js := &joinState{lo: int64(j.spec.Lower), hi: int64(j.spec.Upper)}
	for i, st := range []*stream{j.left, j.right} {
		c, err := compileStream(st)
		if err != nil {
			return nil, err
		}
		js.sides[i] = &joinSide{st: st, c: c, src: st.open(), wm: newWM(st.wm), buf: emptyTable(c.batch.Schema())}
	}
	n, err := newIntervalJoin(&leafNode{schema: js.sides[0].buf.schema}, &leafNode{schema: js.sides[1].buf.schema}, j.spec)
	if err != nil {
		return nil, err
	}
	js.node = n
	return js, nil
}

// times gives the side's join time per row, in ns.
func (s *joinSide) times(t *table) ([]int64, []byte, error) { return nanosOf(t.col(s.st.wm.col)) }

// keepIf keeps the rows of t for which ok holds.
func keepIf(t *table, ts []int64, valid []byte, ok func(int64) bool) (*table, *table, error) {
	var in, out []int32
	for i := range t.n {
		if isValid(valid, i) && ok(ts[i]) {
			in = append(in, int32(i))
		} else {
			out = append(out, int32(i))
		}
	}
	if len(out) == 0 {
		return t, nil, nil
	}
	a, err := takeTable(t, in)
	if err != nil {
		return nil, nil, err
	}
	b, err := takeTable(t, out)
	return a, b, err
}

// add takes in a batch of one side and returns the pairs it completes.
func (js *joinState) add(side int, t *table, now time.Time) (matched *table, late int64, err error) {
	s, other := js.sides[side], js.sides[1-side]
	t0, err := runOver(s.c.pre, s.c.leaf0, t)
	if err != nil {
		return nil, 0, err
	}
	before := s.wm.cur
	if err := s.wm.observe(t0, now); err != nil {
		return nil, 0, err
	}
	t1, err := runOver(s.c.batch, s.c.leaf, t0)
	if err != nil {
		return nil, 0, err
	}
	ts, valid, err := s.times(t1)
	if err != nil {
		return nil, 0, err
	}
	// Rows behind their own side's watermark may have missed rows the other
	// side already let go: they are late.
	t1, lateRows, err := keepIf(t1, ts, valid, func(x int64) bool { return before == math.MinInt64 || x >= before })
	if err != nil {
		return nil, 0, err
	}
	if lateRows != nil {
		s.late.add(lateRows, s.st.keep)
		late = int64(lateRows.n)
	}
	if t1.n > 0 {
		ins := []*table{t1, other.buf}
		if side == 1 {
			ins = []*table{other.buf, t1}
		}
		if matched, err = js.node.run(ins); err != nil {
			return nil, 0, err
		}
		if s.buf, err = concatTables(t1.schema, []*table{s.buf, t1}); err != nil {
			return nil, 0, err
		}
	}
	s.wm.value(now)
	err = js.evict()
	js.peak = max(js.peak, js.sides[0].buf.n+js.sides[1].buf.n)
	return matched, late, err
}

// evict drops rows no future row of the other side can meet.
func (js *joinState) evict() error {
	l, r := js.sides[0], js.sides[1]
	if r.wm.cur != math.MinInt64 && l.buf.n > 0 {
		ts, valid, err := l.times(l.buf)
		if err != nil {
			return err
		}
		// Right rows still to come have times >= the right watermark.
		if l.buf, _, err = keepIf(l.buf, ts, valid, func(x int64) bool { return x+js.hi >= r.wm.cur }); err != nil {
			return err
		}
	}
	if l.wm.cur != math.MinInt64 && r.buf.n > 0 {
		ts, valid, err := r.times(r.buf)
		if err != nil {
			return err
		}
		if r.buf, _, err = keepIf(r.buf, ts, valid, func(x int64) bool { return x-js.lo >= l.wm.cur }); err != nil {
			return err
		}
	}
	return nil
}

// runJoin is the query loop of an interval join: batches from both sides,
// as they come.
func (q *Query) runJoin(ctx context.Context) {
	type sided struct {
		side int
		b    fetched
	}
	merged := make(chan sided)
	fetchCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{}, 2)
	for i, s := range q.join.sides {
		batches := prefetch(fetchCtx, s.src)
		go func() {
			defer func() { done <- struct{}{} }()
			for b := range batches {
				select {
				case merged <- sided{i, b}:
				case <-fetchCtx.Done():
					for range batches {
					}
					return
				}
			}
		}()
	}
	defer func() {
		stop()
		<-done
		<-done
	}()
	ended := 0
	for {
		if q.st.rows > 0 && q.rowsIn() >= q.st.rows {
			q.end()
			return
		}
		var m sided
		select {
		case m = <-merged:
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				q.end()
			}
			return
		}
		if m.b.err != nil {
			if errors.Is(m.b.err, io.EOF) {
				q.mu.Lock()
				q.join.sides[m.side].done = true
				// An ended side holds no watermark back: nothing more comes.
				q.join.sides[m.side].wm.cur = math.MaxInt64
				err := q.join.evict()
				q.mu.Unlock()
				if err != nil {
					q.noteErr(err)
				}
				if ended++; ended == 2 {
					q.end()
					return
				}
				continue
			}
			q.noteErr(fmt.Errorf("source: %w", m.b.err))
			continue
		}
		var t *table
		if rec := m.b.rec; rec != nil && rec.NumRows() > 0 {
			t = &table{schema: rec.Schema(), cols: rec.Columns(), n: int(rec.NumRows())}
		}
		side := m.side
		if m.b.pos != nil {
			q.mu.Lock()
			q.join.sides[side].pos = m.b.pos // the batch is taken in below, before any checkpoint
			q.mu.Unlock()
		}
		q.step(t, nil, func(t *table, now time.Time, outs *[]*table) error {
			matched, late, err := q.join.add(side, t, now)
			q.stats.RowsLate += late
			if err != nil || matched == nil || matched.n == 0 {
				return err
			}
			return q.process(matched, now, outs)
		})
	}
}

// LateInput is the side output of an interval join's input (0 the left
// stream, 1 the right): rows that came after their side's watermark.
func (q *Query) LateInput(side int) Frame {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.join == nil || side < 0 || side > 1 {
		return failed(fmt.Errorf("LateInput: %s is not an interval join of two streams", q.name))
	}
	s := q.join.sides[side]
	t, err := s.late.table(s.c.batch.Schema())
	if err != nil {
		return failed(err)
	}
	return fromTable(t, "late rows")
}
