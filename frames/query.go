package frames

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/sources/file"
)

// A Query is a Stream running in the background: it reads batches, updates
// its state and result, feeds its sinks, and can be looked at any time.
// Its methods are safe to call from any goroutine.
type Query struct {
	name   string
	st     *stream
	c      *compiled
	cancel context.CancelFunc
	done   chan struct{}

	mu       sync.Mutex
	op       stateOp
	wm       *wmState
	late     rowsKept
	stats    QueryStats
	lastErr  error // of a batch or a sink; the stream went on
	fatal    error // why the query stopped early
	version  uint64
	lagger   Lagger
	sinks    []func(Frame) error // the stream's, and its files'
	closers  []func() error      // the files', when the query stops
	src      BatchSource
	join     *joinState // the inputs of an interval join
	pos      []byte     // the source's position after the last batch processed
	lastCkpt time.Time  // when the last checkpoint was written
	ckptDone bool       // the final checkpoint is written
	started  time.Time
	finished time.Time
}

// QueryStats describes a query's progress, for status lines.
type QueryStats struct {
	RowsIn     int64     // input rows read
	Batches    int64     // input batches read
	RowsLate   int64     // rows that came after their window closed (see Late)
	Errors     int64     // batches or sink calls that failed; the stream went on
	Lag        int64     // messages behind the end of the input, if the source tells (else -1)
	Watermark  time.Time // zero until known; the far future (year 2262) once the input ended
	Rate       float64   // input rows per second since the start
	StateRows  int       // rows of state (open groups or windows, kept rows)
	ResultRows int       // rows of the result as last computed
	Running    bool
	Ended      bool // the input ended (or a Limit/Until was reached)
	Resumed    bool // the query started from a checkpoint
}

// A Lagger is a BatchSource that knows how far behind the end of its input
// it is (a Kafka consumer's lag), for status lines.
type Lagger interface {
	Lag() int64
}

type stateOp interface {
	// add merges a batch; it returns the rows that were too late and,
	// when asked, the changes it made (with the "op" column).
	add(t *table, wm int64, changes bool) (late, changed *table, err error)
	// advance closes what the watermark passed; it returns the final rows.
	advance(wm int64) (final *table, err error)
	result() (*table, error)
	size() int
	// save and load the state for checkpoints.
	save() ([]byte, error)
	load([]byte) error
}

// Start runs the Stream in the background and returns its Query; showing
// the Query in a notebook makes a live table.
func (s Stream) Start() *Query {
	ctx, cancel := context.WithCancel(context.Background())
	q := &Query{cancel: cancel, done: make(chan struct{}), started: time.Now()}
	if err := q.prepare(s); err != nil {
		q.fatal = err
		q.finished = q.started
		close(q.done)
		cancel()
		return q
	}
	if q.name == "" {
		q.name = registry.nextName()
	}
	q.stats.Running = true
	registry.add(q)
	go q.run(ctx)
	return q
}

// prepare compiles the query's plan, opens its sources and loads its
// checkpoint; an error means it cannot start.
func (q *Query) prepare(s Stream) error {
	if err := s.Err(); err != nil {
		return err
	}
	q.st = s.s
	q.name = s.s.name
	c, err := compileStream(s.s)
	if err != nil {
		return err
	}
	q.c = c
	if q.op, err = newStateOp(c, s.s); err != nil {
		return err
	}
	q.wm = newWM(s.s.wm)
	q.sinks = slices.Clone(s.s.sinks)
	for _, path := range s.s.files {
		sink, closer := q.fileSink(path)
		q.sinks, q.closers = append(q.sinks, sink), append(q.closers, closer)
	}
	if s.s.join != nil {
		if q.join, err = newJoinState(s.s.join); err != nil {
			return err
		}
	} else {
		q.src = s.s.open()
		if p, ok := q.src.(Projector); ok && c.reads != nil {
			if err := p.Project(c.reads); err != nil {
				return fmt.Errorf("source: %w", err)
			}
		}
	}
	if s.s.ckptPath != "" {
		return q.loadCheckpoint(q.src)
	}
	return nil
}

// Name is the query's name (Named, or stream-N).
func (q *Query) Name() string { return q.name }

// Stop stops the query; its result stays readable.
func (q *Query) Stop() {
	q.cancel()
	<-q.done
}

// Done is closed when the query has stopped.
func (q *Query) Done() <-chan struct{} { return q.done }

// Wait blocks until the query stops (its input ended, a bound was reached,
// or Stop) and returns Err.
func (q *Query) Wait() error {
	<-q.done
	return q.Err()
}

// Err reports why the query could not start or stopped early.
func (q *Query) Err() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.fatal
}

// LastError is the latest error of a batch or a sink that the stream went
// on after (a value that did not convert, a sink that failed).
func (q *Query) LastError() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.lastErr
}

// Version counts the changes of the result, so a viewer can tell whether
// anything changed since it last looked.
func (q *Query) Version() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.version
}

// Stats reports the query's progress.
func (q *Query) Stats() QueryStats {
	q.mu.Lock()
	defer q.mu.Unlock()
	s := q.stats
	end := time.Now()
	if !q.finished.IsZero() {
		end = q.finished
	}
	if d := end.Sub(q.started).Seconds(); d > 0 {
		s.Rate = float64(s.RowsIn) / d
	}
	if q.op != nil {
		s.StateRows = q.op.size()
	}
	if q.join != nil {
		s.StateRows += q.join.sides[0].buf.n + q.join.sides[1].buf.n
	}
	if q.lagger == nil {
		s.Lag = -1
	} else {
		s.Lag = q.lagger.Lag()
	}
	if q.wm != nil && q.wm.cur != math.MinInt64 {
		if q.wm.cur == math.MaxInt64 {
			s.Watermark = time.Unix(0, math.MaxInt64).UTC()
		} else {
			s.Watermark = time.Unix(0, q.wm.cur).UTC()
		}
	}
	return s
}

// Schema is the schema of the query's result.
func (q *Query) Schema() *arrow.Schema {
	if q.st == nil {
		return nil
	}
	return q.st.plan.Schema()
}

// Snapshot is the query's current result as a Frame, for batch analysis:
// for an aggregation the current rows of its groups (in Append mode only
// closed windows), for a pipeline without one the newest rows kept.
func (q *Query) Snapshot() Frame {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fatal != nil && q.op == nil {
		return failed(q.fatal)
	}
	t, err := q.resultLocked()
	if err != nil {
		return failed(err)
	}
	q.stats.ResultRows = t.n
	return fromTable(t, "snapshot of "+q.name)
}

func (q *Query) resultLocked() (*table, error) {
	t, err := q.op.result()
	if err != nil {
		return nil, err
	}
	if q.c.post == nil {
		return t, nil
	}
	return runOver(q.c.post, q.c.snap, t)
}

// Late is the side output: rows that arrived after the watermark had closed
// their window (plus the allowed lateness), newest kept. Source columns the
// pipeline does not read are null there when the source skipped decoding
// them (see Projector).
func (q *Query) Late() Frame {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.c == nil {
		return failed(q.fatal)
	}
	sch := q.c.batch.Schema()
	t, err := q.late.table(sch)
	if err != nil {
		return failed(err)
	}
	return fromTable(t, "late rows of "+q.name)
}

// State is "running", "ended" (the input ended or a bound was reached) or
// "stopped".
func (s QueryStats) State() string {
	switch {
	case s.Ended:
		return "ended"
	case !s.Running:
		return "stopped"
	}
	return "running"
}

// String is a one-line summary: name, state, rows in, late, state size.
func (q *Query) String() string {
	s := q.Stats()
	return fmt.Sprintf("%s (%s): %d rows in, %d late, %d in state", q.name, s.State(), s.RowsIn, s.RowsLate, s.StateRows)
}

func (q *Query) run(ctx context.Context) {
	defer func() {
		if r := recover(); r != nil {
			q.mu.Lock()
			q.fatal = fmt.Errorf("stream %s: internal error: %v", q.name, r)
			q.mu.Unlock()
		}
		q.mu.Lock()
		if q.st.ckptPath != "" && q.fatal == nil && !q.ckptDone {
			if err := q.saveCheckpoint(); err != nil {
				q.lastErr = fmt.Errorf("checkpoint: %w", err)
				q.stats.Errors++
			}
		}
		for _, c := range q.closers {
			if err := c(); err != nil {
				q.lastErr = err
				q.stats.Errors++
			}
		}
		q.stats.Running = false
		q.finished = time.Now()
		q.version++
		q.mu.Unlock()
		registry.remove(q)
		close(q.done)
		q.cancel()
	}()
	if q.st.dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, q.st.dur)
		defer cancel()
	}
	if q.join != nil {
		q.runJoin(ctx)
		return
	}
	src := q.src
	if l, ok := src.(Lagger); ok {
		q.mu.Lock()
		q.lagger = l
		q.mu.Unlock()
	}
	// The next batch is read while this one is processed.
	fetchCtx, stopFetch := context.WithCancel(ctx)
	batches := prefetch(fetchCtx, src)
	defer func() {
		stopFetch()
		for range batches { // the reader is done with the source when closed
		}
	}()
	until := int64(math.MaxInt64)
	if !q.st.untilWM.IsZero() {
		until = q.st.untilWM.UnixNano()
	}
	for {
		if q.st.rows > 0 && q.rowsIn() >= q.st.rows {
			q.end() // Limit reached: the rest of the last batch is not read
			return
		}
		if q.watermark() >= until {
			q.end()
			return
		}
		b, ok := <-batches
		if !ok || ctx.Err() != nil {
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				q.end() // Until reached: end as the input would
			}
			return
		}
		if b.err != nil {
			if errors.Is(b.err, io.EOF) {
				q.end()
				return
			}
			q.noteErr(fmt.Errorf("source: %w", b.err))
			continue
		}
		var t *table
		if rec := b.rec; rec != nil && rec.NumRows() > 0 {
			t = &table{schema: rec.Schema(), cols: rec.Columns(), n: int(rec.NumRows())}
			// A checkpoint's position covers whole batches: with one, the
			// last batch is taken whole rather than cut at the Limit.
			if q.st.rows > 0 && q.st.ckptPath == "" {
				if left := q.st.rows - q.rowsIn(); int64(t.n) > left {
					t = sliceTable(t, 0, int(left))
				}
			}
		}
		q.step(t, b.pos, q.process)
	}
}

type fetched struct {
	rec arrow.Record
	err error
	pos []byte // the source's position after rec, when it can tell
}

// prefetch reads batches ahead, one at a time, until the input ends or ctx
// does; after a source error it waits a little before trying again.
func prefetch(ctx context.Context, src BatchSource) <-chan fetched {
	out := make(chan fetched, 1)
	go func() {
		defer close(out)
		for ctx.Err() == nil {
			rec, err := nextSafely(ctx, src)
			if err != nil && ctx.Err() != nil {
				return
			}
			var pos []byte
			if r, ok := src.(Resumable); ok && err == nil {
				pos, _ = r.Position() // read here: the next Next moves it
			}
			select {
			case out <- fetched{rec, err, pos}:
			case <-ctx.Done():
				return
			}
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				select {
				case <-ctx.Done():
				case <-time.After(100 * time.Millisecond):
				}
			}
		}
	}()
	return out
}

// outSchema is the schema of what the query hands its sinks.
func (q *Query) outSchema() *arrow.Schema {
	var sch *arrow.Schema
	switch {
	case q.c.op != nil:
		sch = q.c.op.Schema()
	default:
		sch = q.c.batch.Schema()
	}
	if _, rows := q.op.(*rowsOp); q.st.mode == Changelog && (rows || q.c.op != nil) {
		sch = arrow.NewSchema(append([]arrow.Field{{Name: "op", Type: arrow.BinaryTypes.String}}, sch.Fields()...), nil)
	}
	return sch
}

// fileSink writes outputs to path, the file made at the first output (or,
// if there is none, when the query stops).
func (q *Query) fileSink(path string) (func(Frame) error, func() error) {
	var w file.Writer
	open := func(sch *arrow.Schema) error {
		if w != nil {
			return nil
		}
		var err error
		w, err = file.Create(path, sch)
		return err
	}
	sink := func(f Frame) error {
		rec, err := f.Record()
		if err != nil {
			return err
		}
		if err := open(rec.Schema()); err != nil {
			return err
		}
		return w.Write(rec)
	}
	closer := func() error {
		if err := open(q.outSchema()); err != nil {
			return err
		}
		return w.Close()
	}
	return sink, closer
}

// nextSafely turns a panic of the source (one written in a cell, say)
// into an error, so the stream goes on.
func nextSafely(ctx context.Context, src BatchSource) (rec arrow.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return src.Next(ctx)
}

// rowsIn is Stats().RowsIn without the rest of Stats, for the read loop.
func (q *Query) rowsIn() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.stats.RowsIn
}

func (q *Query) watermark() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wm.cur
}

func (q *Query) noteErr(err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.lastErr = err
	q.stats.Errors++
}

// step processes one batch (nil: none arrived) and feeds the sinks.
func (q *Query) step(t *table, pos []byte, process func(t *table, now time.Time, outs *[]*table) error) {
	var outs []*table
	func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		now := time.Now()
		if pos != nil {
			q.pos = pos
		}
		if t != nil {
			q.stats.RowsIn += int64(t.n)
			q.stats.Batches++
			if err := q.safely(func() error { return process(t, now, &outs) }); err != nil {
				q.lastErr = err
				q.stats.Errors++
			}
		}
		q.closeWindows(q.wm.value(now), &outs)
		if q.st.ckptPath != "" && now.Sub(q.lastCkpt) >= q.st.ckptEvery {
			if err := q.saveCheckpoint(); err != nil {
				q.lastErr = fmt.Errorf("checkpoint: %w", err)
				q.stats.Errors++
			}
		}
	}()
	q.feed(outs)
}

// safely turns a panic on a batch into that batch's error, so the stream
// goes on.
func (q *Query) safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("batch %d: internal error: %v", q.stats.Batches, r)
		}
	}()
	return fn()
}

// end runs when the input ends: every window closes.
func (q *Query) end() {
	var outs []*table
	q.mu.Lock()
	if q.st.ckptPath != "" {
		// The checkpoint is of the rows so far, before the end closes
		// every window: a query resumed from it goes on where this stopped.
		if err := q.saveCheckpoint(); err != nil {
			q.lastErr = fmt.Errorf("checkpoint: %w", err)
			q.stats.Errors++
		}
		q.ckptDone = true
	}
	q.wm.cur = math.MaxInt64
	q.closeWindows(math.MaxInt64, &outs)
	q.stats.Ended = true
	if q.st.mode == Append && len(q.sinks) > 0 {
		// Results that are never final while the input goes on (an
		// aggregation without windows, a top-k) are final now.
		final := false
		switch op := q.op.(type) {
		case *topkOp:
			final = true
		case *aggOp:
			final = op.win == nil
		}
		if final {
			if t, err := q.op.result(); err == nil && t.n > 0 {
				outs = append(outs, t)
			} else if err != nil {
				q.lastErr = err
				q.stats.Errors++
			}
		}
	}
	q.mu.Unlock()
	q.feed(outs)
}

func (q *Query) process(t *table, now time.Time, outs *[]*table) error {
	t0, err := runOver(q.c.pre, q.c.leaf0, t)
	if err != nil {
		return fmt.Errorf("batch %d: %w", q.stats.Batches, err)
	}
	if err := q.wm.observe(t0, now); err != nil {
		return err
	}
	t1, err := runOver(q.c.batch, q.c.leaf, t0)
	if err != nil {
		return fmt.Errorf("batch %d: %w", q.stats.Batches, err)
	}
	late, changed, err := q.op.add(t1, q.wm.cur, len(q.sinks) > 0 && q.st.mode == Changelog)
	if err != nil {
		return fmt.Errorf("batch %d: %w", q.stats.Batches, err)
	}
	if late != nil && late.n > 0 {
		q.stats.RowsLate += int64(late.n)
		q.late.add(late, q.st.keep)
	}
	if changed != nil && changed.n > 0 {
		*outs = append(*outs, changed)
	}
	if _, rows := q.op.(*rowsOp); rows && q.st.mode == Append && len(q.sinks) > 0 && t1.n > 0 {
		*outs = append(*outs, t1) // without aggregation every row is final
	}
	q.version++
	return nil
}

func (q *Query) closeWindows(wm int64, outs *[]*table) {
	if wm == math.MinInt64 {
		return
	}
	final, err := q.op.advance(wm)
	if err != nil {
		q.lastErr = err
		q.stats.Errors++
		return
	}
	if final != nil && final.n > 0 {
		q.version++
		if q.st.mode == Append && len(q.sinks) > 0 {
			*outs = append(*outs, final)
		}
	}
}

// feed hands outputs to the sinks, outside the lock: a slow sink must not
// hold up readers of the result.
func (q *Query) feed(outs []*table) {
	for _, t := range outs {
		f := fromTable(t, "output of "+q.name)
		for _, sink := range q.sinks {
			if err := callSink(sink, f); err != nil {
				q.noteErr(fmt.Errorf("sink: %w", err))
			}
		}
	}
}

func callSink(fn func(Frame) error, f Frame) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn(f)
}

// rowsKept holds the newest rows up to a bound.
type rowsKept struct {
	parts []*table
	n     int
	drop  int64 // rows dropped to keep the bound
}

func (r *rowsKept) add(t *table, keep int) {
	if t.n == 0 {
		return
	}
	r.parts = append(r.parts, t)
	r.n += t.n
	for r.n > keep && len(r.parts) > 0 {
		over := r.n - keep
		if p := r.parts[0]; p.n <= over {
			r.parts = r.parts[1:]
			r.n -= p.n
			r.drop += int64(p.n)
		} else {
			r.parts[0] = sliceTable(p, over, p.n)
			r.n -= over
			r.drop += int64(over)
		}
	}
	if len(r.parts) > 64 {
		// Fewer, larger pieces: cheaper to snapshot.
		if t, err := concatTables(r.parts[0].schema, r.parts); err == nil {
			r.parts = []*table{t}
		}
	}
}

func (r *rowsKept) table(s *arrow.Schema) (*table, error) {
	if len(r.parts) == 0 {
		return emptyTable(s), nil
	}
	t, err := concatTables(s, r.parts)
	if err != nil {
		return nil, err
	}
	r.parts = []*table{t}
	return t, nil
}

// wmState tracks the watermark, in nanoseconds since the epoch.
type wmState struct {
	spec  *wmSpec
	cur   int64 // MinInt64 until known
	max   int64
	parts map[string]*partWM // by the partition's value, printed
	start time.Time          // of the first rows
}

type partWM struct {
	max  int64
	seen time.Time
}

func newWM(s *wmSpec) *wmState {
	return &wmState{spec: s, cur: math.MinInt64, max: math.MinInt64, parts: map[string]*partWM{}}
}

func (w *wmState) observe(t *table, now time.Time) error {
	if w.spec == nil || t.n == 0 {
		return nil
	}
	ts, valid, err := nanosOf(t.col(w.spec.col))
	if err != nil {
		return err
	}
	if w.start.IsZero() {
		w.start = now
	}
	for i, v := range ts {
		if isValid(valid, i) {
			w.max = max(w.max, v)
		}
	}
	if w.spec.part == "" {
		return nil
	}
	// The latest time per partition: group the partition column, then
	// one map update per partition in the batch.
	part := t.col(w.spec.part)
	g, err := groupColumn(part)
	if err != nil {
		return err
	}
	latest := make([]int64, g.n)
	for j := range latest {
		latest[j] = math.MinInt64
	}
	for i, v := range ts {
		if isValid(valid, i) {
			latest[g.ids[i]] = max(latest[g.ids[i]], v)
		}
	}
	for j, first := range g.first {
		k := fmt.Sprint(goValue(part, int(first)))
		p := w.parts[k]
		if p == nil {
			p = &partWM{max: math.MinInt64}
			w.parts[k] = p
		}
		p.seen = now
		p.max = max(p.max, latest[j])
	}
	return nil
}

// value is the watermark now: the latest time seen (the slowest active
// partition's, with partitions) minus the delay; it never goes back.
func (w *wmState) value(now time.Time) int64 {
	if w.spec == nil || w.cur == math.MaxInt64 {
		return w.cur
	}
	m := w.max
	if w.spec.part != "" && w.spec.idle > 0 && now.Sub(w.start) < w.spec.idle {
		// Partitions not seen yet may still have older rows: like a
		// partition without rows, they hold the watermark until idle.
		return w.cur
	}
	if len(w.parts) > 0 {
		lo, active := int64(math.MaxInt64), false
		for _, p := range w.parts {
			if w.spec.idle > 0 && now.Sub(p.seen) >= w.spec.idle {
				continue
			}
			active = true
			lo = min(lo, p.max)
		}
		if active {
			m = lo
		}
	}
	if m == math.MinInt64 {
		return w.cur
	}
	if v := m - int64(w.spec.delay); v > w.cur {
		w.cur = v
	}
	return w.cur
}

// nanosOf reads a timestamp column as nanoseconds since the epoch, with its
// validity bitmap.
func nanosOf(c arrow.Array) ([]int64, []byte, error) {
	v, err := i64s(val{a: c})
	if err != nil {
		return nil, nil, err
	}
	m := int64(unit(c.DataType()))
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = satMul(x, m)
	}
	return out, validity(c), nil
}

func satMul(v, m int64) int64 {
	if m == 1 {
		return v
	}
	if v > math.MaxInt64/m {
		return math.MaxInt64
	}
	if v < math.MinInt64/m {
		return math.MinInt64
	}
	return v * m
}

// The registry of running queries, for %streams and shutdown.
var registry = &queries{running: map[*Query]bool{}}

type queries struct {
	mu      sync.Mutex
	running map[*Query]bool
	n       int
}

func (r *queries) nextName() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	return fmt.Sprintf("stream-%d", r.n)
}

func (r *queries) add(q *Query) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running[q] = true
}

func (r *queries) remove(q *Query) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.running, q)
}

// Running lists the queries running now, oldest first.
func Running() []*Query {
	registry.mu.Lock()
	qs := make([]*Query, 0, len(registry.running))
	for q := range registry.running {
		qs = append(qs, q)
	}
	registry.mu.Unlock()
	sort.Slice(qs, func(i, j int) bool { return qs[i].started.Before(qs[j].started) })
	return qs
}

// StopAll stops every running query.
func StopAll() {
	for _, q := range Running() {
		q.Stop()
	}
}

// withOp prefixes a table of rows with an "op" column holding op.
func withOp(t *table, op string) *table {
	b := array.NewStringBuilder(mem)
	b.Reserve(t.n)
	for range t.n {
		b.Append(op)
	}
	fields := append([]arrow.Field{{Name: "op", Type: arrow.BinaryTypes.String}}, t.schema.Fields()...)
	return &table{schema: arrow.NewSchema(fields, nil), cols: append([]arrow.Array{b.NewArray()}, t.cols...), n: t.n}
}
