package frames

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/sources/file"
)

// A BatchSource yields the record batches of a stream: a Kafka topic
// (sources/kafka.Source), a replayed file, a generator. Next returns
// io.EOF when the input ends; it may return nil or an empty batch when
// nothing arrived for a while.
type BatchSource interface {
	Schema() *arrow.Schema
	Next(ctx context.Context) (arrow.Record, error)
}

// Mode says what a stream query emits to its sinks and keeps as its result.
type Mode int

const (
	// Changelog emits every change of the result as rows tagged +I
	// (insert), -U and +U (a row before and after an update) and -D
	// (delete), in a first column named "op"; the result holds open
	// windows too. The default.
	Changelog Mode = iota
	// Append emits only final rows: those of windows closed by the
	// watermark, every row of a pipeline without aggregation, and the
	// result of an aggregation without windows or a top-k when the input
	// ends.
	Append
)

// String is "append" or "changelog".
func (m Mode) String() string {
	if m == Append {
		return "append"
	}
	return "changelog"
}

// A Stream is an unbounded Frame: a source of record batches and a pipeline
// of the same operations as Frame, defined now and run incrementally by
// Start. Like a Frame it is an immutable value; each method returns a new
// Stream. Errors are kept and reported by Err, Start and Collect.
//
// The pipeline is a plan over the source's rows: per-row steps (Filter,
// WithColumn, Select, Window, joins with a Frame) run on each batch; one
// stateful step (GroupBy/GroupByWindow with Agg, or TopK) keeps state
// across batches; steps after it run on its current result.
type Stream struct{ s *stream }

type stream struct {
	open      func() BatchSource // each query gets its source from here
	name      string
	err       error
	pre       node      // rows up to the watermark declaration, over leaf0
	leaf0     *leafNode // the source's rows
	wm        *wmSpec   // nil: no event time; windows close at the end
	plan      node      // the pipeline, over leaf (pre's output)
	leaf      *leafNode //
	lateness  time.Duration
	mode      Mode
	rows      int64         // stop after this many input rows (0: no bound)
	dur       time.Duration // stop after this long (0: no bound)
	untilWM   time.Time     // stop when the watermark reaches this (zero: no bound)
	keep      int           // rows of output kept for the result
	sinks     []func(Frame) error
	join      *joinInputs   // a stream-stream join instead of a source
	files     []string      // WriteTo paths
	ckptPath  string        // checkpoint file ("": none)
	ckptEvery time.Duration // between checkpoints
}

type wmSpec struct {
	col   string
	delay time.Duration
	part  string // per-partition watermarks over this column
	idle  time.Duration
}

// leafNode stands for a stream's rows in its plan.
type leafNode struct {
	schema *arrow.Schema
	name   string
}

func (l *leafNode) Schema() *arrow.Schema  { return l.schema }
func (l *leafNode) String() string         { return "Stream " + l.name }
func (l *leafNode) inputs() []node         { return nil }
func (l *leafNode) withInputs([]node) node { return l }
func (l *leafNode) run([]*table) (*table, error) {
	return nil, fmt.Errorf("stream %s: a Stream's rows arrive over time; use Start, Collect or a Query's Snapshot for a Frame", l.name)
}

// DefaultKeep is how many output rows a query keeps as its result by
// default, for pipelines whose result grows with the input (no aggregation,
// or closed windows): the newest are kept.
const DefaultKeep = 10_000

// StreamFrom makes a Stream of the batches src yields. A source is read by
// one query at a time and is not closed by it: close it when done.
func StreamFrom(src BatchSource) Stream {
	if src == nil {
		return Stream{&stream{err: fmt.Errorf("StreamFrom: no source")}}
	}
	sch := src.Schema()
	if sch == nil {
		return Stream{&stream{err: fmt.Errorf("StreamFrom: the source has no schema")}}
	}
	return newStream(sch, func() BatchSource { return src })
}

func newStream(sch *arrow.Schema, open func() BatchSource) Stream {
	leaf := &leafNode{schema: sch, name: "source"}
	return Stream{&stream{open: open, pre: leaf, leaf0: leaf, plan: leaf, leaf: leaf, keep: DefaultKeep}}
}

// StreamOf replays a Frame as a Stream of batches of batchRows rows, in row
// order, then ends: a recorded night as if it were live.
func StreamOf(f Frame, batchRows int) Stream {
	t, err := f.table()
	if err != nil {
		return Stream{&stream{err: fmt.Errorf("StreamOf: %w", err)}}
	}
	step := max(batchRows, 1)
	return newStream(t.schema, func() BatchSource { return &replaySource{t: t, step: step} })
}

// StreamFromChan makes a Stream of the Frames sent on ch, which must have
// the given schema; the stream ends when ch is closed.
func StreamFromChan(schema *arrow.Schema, ch <-chan Frame) Stream {
	if schema == nil {
		return Stream{&stream{err: fmt.Errorf("StreamFromChan: no schema")}}
	}
	return StreamFromFunc(schema, func(ctx context.Context) (Frame, error) {
		select {
		case <-ctx.Done():
			return Frame{}, ctx.Err()
		case f, ok := <-ch:
			if !ok {
				return Frame{}, io.EOF
			}
			return f, nil
		}
	})
}

// StreamFromFunc makes a Stream of the Frames next returns, which must have
// the given schema; next returns io.EOF when the stream ends, or an empty
// Frame when nothing arrived yet.
func StreamFromFunc(schema *arrow.Schema, next func(ctx context.Context) (Frame, error)) Stream {
	if schema == nil || next == nil {
		return Stream{&stream{err: fmt.Errorf("StreamFromFunc: no schema or no func")}}
	}
	return StreamFrom(&funcSource{schema: schema, next: next})
}

type funcSource struct {
	schema *arrow.Schema
	next   func(context.Context) (Frame, error)
}

func (s *funcSource) Schema() *arrow.Schema { return s.schema }
func (s *funcSource) Next(ctx context.Context) (arrow.Record, error) {
	f, err := s.next(ctx)
	if err != nil {
		return nil, err
	}
	t, err := f.table()
	if err != nil {
		return nil, err
	}
	if t.n == 0 {
		return nil, nil
	}
	if !sameColumns(t.schema, s.schema) {
		return nil, fmt.Errorf("a Frame from the stream's func has schema %s, not %s", t.schema, s.schema)
	}
	return array.NewRecord(t.schema, t.cols, int64(t.n)), nil
}

// sameColumns reports whether two schemas have the same column names and
// types (nullability and metadata aside).
func sameColumns(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.NumFields() {
		if a.Field(i).Name != b.Field(i).Name || !arrow.TypeEqual(a.Field(i).Type, b.Field(i).Type) {
			return false
		}
	}
	return true
}

func (s Stream) with(fn func(c *stream) error) Stream {
	if s.s == nil {
		return Stream{&stream{err: fmt.Errorf("empty Stream (use StreamFrom or StreamOf)")}}
	}
	if s.s.err != nil {
		return s
	}
	c := *s.s
	c.sinks = append([]func(Frame) error(nil), s.s.sinks...)
	if err := fn(&c); err != nil {
		c.err = err
	}
	return Stream{&c}
}

// Err reports why the Stream could not be built.
func (s Stream) Err() error {
	if s.s == nil {
		return fmt.Errorf("empty Stream (use StreamFrom or StreamOf)")
	}
	return s.s.err
}

// Schema is the schema of the Stream's result.
func (s Stream) Schema() *arrow.Schema {
	if s.Err() != nil {
		return nil
	}
	return s.s.plan.Schema()
}

// Named gives the Stream a name, shown by live tables and %streams.
func (s Stream) Named(name string) Stream {
	return s.with(func(c *stream) error { c.name = name; return nil })
}

// Watermark declares col (a timestamp of the rows so far) as event time:
// the watermark — the time before which no more rows are expected — trails
// the latest time seen by delay (bounded out-of-orderness). Windows close
// when the watermark passes their end (plus AllowedLateness); rows for
// closed windows go to the query's Late side output.
func (s Stream) Watermark(col string, delay time.Duration) Stream {
	return s.with(func(c *stream) error {
		if c.wm != nil {
			return fmt.Errorf("Watermark: already declared on %q", c.wm.col)
		}
		i := c.plan.Schema().FieldIndices(col)
		if i == nil {
			return fmt.Errorf("Watermark: %w", unknownColumn(col, c.plan.Schema()))
		}
		if t := c.plan.Schema().Field(i[0]).Type; t.ID() != arrow.TIMESTAMP {
			return fmt.Errorf("Watermark: column %q is %s, not a timestamp (FromJD/FromMJD convert numbers)", col, t)
		}
		if delay < 0 {
			return fmt.Errorf("Watermark: negative delay %s", delay)
		}
		// The rows so far become the input of what follows.
		c.pre = c.plan
		c.leaf = &leafNode{schema: c.plan.Schema(), name: "source"}
		c.plan = c.leaf
		c.wm = &wmSpec{col: col, delay: delay}
		return nil
	})
}

// IdlePartitions keeps a watermark per value of col (such as kafka_partition)
// and lets the slowest active one hold the stream's watermark back; a
// partition without rows for idle stops holding it. Partitions not seen yet
// count too: the watermark starts moving idle after the first rows.
func (s Stream) IdlePartitions(col string, idle time.Duration) Stream {
	return s.with(func(c *stream) error {
		if c.wm == nil {
			return fmt.Errorf("IdlePartitions: declare the Watermark first")
		}
		if c.pre.Schema().FieldIndices(col) == nil {
			return fmt.Errorf("IdlePartitions: %w", unknownColumn(col, c.pre.Schema()))
		}
		w := *c.wm
		w.part, w.idle = col, idle
		c.wm = &w
		return nil
	})
}

// AllowedLateness keeps windows open for d after the watermark passes their
// end, so rows up to d late still count.
func (s Stream) AllowedLateness(d time.Duration) Stream {
	return s.with(func(c *stream) error {
		if d < 0 {
			return fmt.Errorf("AllowedLateness: negative %s", d)
		}
		c.lateness = d
		return nil
	})
}

// Mode sets the output mode (Changelog by default).
func (s Stream) Mode(m Mode) Stream {
	return s.with(func(c *stream) error { c.mode = m; return nil })
}

// Keep sets how many output rows a query keeps as its result when the
// result grows with the input (DefaultKeep); older rows are dropped.
func (s Stream) Keep(rows int) Stream {
	return s.with(func(c *stream) error { c.keep = max(rows, 1); return nil })
}

// Limit bounds a run to the first rows input rows; Until bounds it in
// time. A bounded run ends as its input would: every window closes and the
// final result stays. Use them for notebooks run unattended (nbconvert).
// With a Checkpoint, the batch that reaches the limit is taken whole, so
// that a resumed run goes on right after it.
func (s Stream) Limit(rows int64) Stream {
	return s.with(func(c *stream) error { c.rows = rows; return nil })
}

// UntilWatermark bounds a run in event time: it ends once the watermark
// reaches t, when every row before t has arrived (up to the watermark's
// delay). With a Filter on time < t, two runs — or a run and a batch job
// on the same rows — see exactly the same rows, whatever order they came in.
func (s Stream) UntilWatermark(t time.Time) Stream {
	return s.with(func(c *stream) error {
		if c.wm == nil {
			return fmt.Errorf("UntilWatermark: declare the Watermark first")
		}
		c.untilWM = t
		return nil
	})
}

// Until bounds a run to d of wall-clock time (see Limit).
func (s Stream) Until(d time.Duration) Stream {
	return s.with(func(c *stream) error { c.dur = d; return nil })
}

// Sink calls fn with each output of a running query, as a Frame: in Append
// mode the new final rows, in Changelog mode the changes with their "op".
// fn runs on the query's goroutine; an error is counted and reported by the
// query's Err, and the stream goes on.
func (s Stream) Sink(fn func(Frame) error) Stream {
	return s.with(func(c *stream) error {
		if fn == nil {
			return fmt.Errorf("Sink: nil func")
		}
		c.sinks = append(c.sinks, fn)
		return nil
	})
}

// WriteTo writes the query's outputs (what a Sink gets) to a file as they
// come — Parquet, Arrow IPC (.arrow, .arrows), CSV or JSON lines, by the
// extension — finished when the query stops.
func (s Stream) WriteTo(path string) Stream {
	return s.with(func(c *stream) error {
		f, err := file.FormatOf(path)
		if err != nil {
			return fmt.Errorf("WriteTo: %w", err)
		}
		if f == file.Avro {
			return fmt.Errorf("WriteTo: writing Avro files is not supported")
		}
		c.files = append(slices.Clone(c.files), path)
		return nil
	})
}

// Apply adds a pipeline written for Frames: fn gets a Frame standing for the
// stream's rows and returns the result, so the same func applies to a
// Frame (a batch result) and to a Stream (an incremental one).
func (s Stream) Apply(fn func(Frame) Frame) Stream {
	return s.with(func(c *stream) error {
		if fn == nil {
			return fmt.Errorf("Apply: nil func")
		}
		out, err := callPipeline(fn, fromPlan(c.plan))
		if err != nil {
			return err
		}
		c.plan = out
		return nil
	})
}

func callPipeline(fn func(Frame) Frame, in Frame) (n node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Apply: the pipeline panicked: %v", r)
		}
	}()
	out := fn(in)
	if out.f == nil {
		return nil, fmt.Errorf("Apply: the pipeline returned an empty Frame")
	}
	if out.f.err != nil {
		return nil, fmt.Errorf("Apply: %w", out.f.err)
	}
	return out.node(), nil
}

// Filter keeps the rows where pred is true (see Frame.Filter).
func (s Stream) Filter(pred Expr) Stream {
	return s.Apply(func(f Frame) Frame { return f.Filter(pred) })
}

// WithColumn adds or replaces a column (see Frame.WithColumn).
func (s Stream) WithColumn(name string, e Expr) Stream {
	return s.Apply(func(f Frame) Frame { return f.WithColumn(name, e) })
}

// WithColumns adds or replaces columns named by their expressions' aliases.
func (s Stream) WithColumns(es ...Expr) Stream {
	return s.Apply(func(f Frame) Frame { return f.WithColumns(es...) })
}

// Select keeps the named columns (see Frame.Select).
func (s Stream) Select(cols ...string) Stream {
	return s.Apply(func(f Frame) Frame { return f.Select(cols...) })
}

// Drop removes columns.
func (s Stream) Drop(cols ...string) Stream {
	return s.Apply(func(f Frame) Frame { return f.Drop(cols...) })
}

// Window assigns rows to windows (see Frame.Window).
func (s Stream) Window(w WindowSpec) Stream {
	return s.Apply(func(f Frame) Frame { return f.Window(w) })
}

// TopK keeps the k first rows in the order of keys: on a stream, the best k
// seen so far, updated as rows arrive.
func (s Stream) TopK(k int, keys ...SortKey) Stream {
	return s.Apply(func(f Frame) Frame { return f.TopK(k, keys...) })
}

// Join joins each row with a Frame (a lookup table), as Frame.JoinWith does;
// the stream must be the left side and the join inner, left, semi or anti.
func (s Stream) Join(right Frame, spec JoinSpec) Stream {
	return s.Apply(func(f Frame) Frame { return f.JoinWith(right, spec) })
}

// AsOf joins each row with the matching row of a Frame by time, as
// Frame.AsOf does.
func (s Stream) AsOf(right Frame, spec AsOfSpec) Stream {
	return s.Apply(func(f Frame) Frame { return f.AsOf(right, spec) })
}

// StreamGrouped is a Stream grouped by keys (and maybe windows).
type StreamGrouped struct {
	s  Stream
	fn func(Frame) Grouped
}

// GroupBy groups rows by key columns; Agg makes a changelog table of one
// row per group, updated as rows arrive.
func (s Stream) GroupBy(keys ...string) StreamGrouped {
	return StreamGrouped{s: s, fn: func(f Frame) Grouped { return f.GroupBy(keys...) }}
}

// GroupByWindow groups rows by window and key columns (see
// Frame.GroupByWindow); windows close as the watermark passes their end.
func (s Stream) GroupByWindow(w WindowSpec, keys ...string) StreamGrouped {
	return StreamGrouped{s: s, fn: func(f Frame) Grouped { return f.GroupByWindow(w, keys...) }}
}

// Agg computes aggregations per group, incrementally: Count, Sum, Mean,
// Min, Max, Std and Var from running totals; CountDistinct, Quantile and
// Median from the values each group keeps (bounded by its window). First,
// Last and List depend on arrival order and are for Frames. Session
// windows keep the rows of open sessions and recompute those.
func (g StreamGrouped) Agg(aggs ...Expr) Stream {
	return g.s.Apply(func(f Frame) Frame { return g.fn(f).Agg(aggs...) })
}

// Count is Agg(Count()).
func (g StreamGrouped) Count() Stream { return g.Agg(Count()) }

// TopK keeps the best k rows of each group so far (see Grouped.TopK).
func (g StreamGrouped) TopK(k int, keys ...SortKey) Stream {
	return g.s.Apply(func(f Frame) Frame { return g.fn(f).TopK(k, keys...) })
}

// Agg aggregates the whole stream into one row, updated as rows arrive.
func (s Stream) Agg(aggs ...Expr) Stream {
	return s.Apply(func(f Frame) Frame { return f.Agg(aggs...) })
}

// Explain describes the Stream's plan: the per-batch steps, the stateful
// step and what runs on its result.
func (s Stream) Explain() string {
	if err := s.Err(); err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	c, err := compileStream(s.s)
	if err != nil {
		return "error: " + err.Error()
	}
	fmt.Fprintf(&b, "%s\n", c.describe())
	if c.reads != nil {
		fmt.Fprintf(&b, "reads source columns [%s] (a source that can skips the others)\n", strings.Join(c.reads, ", "))
	}
	explainNode(&b, s.s.plan, 0)
	if w := s.s.wm; w != nil {
		fmt.Fprintf(&b, "where the source's rows, with a watermark on %s %s behind, are\n", w.col, w.delay)
		explainNode(&b, s.s.pre, 1)
	}
	return strings.TrimRight(b.String(), "\n")
}

// Collect runs a bounded Stream (a replayed Frame, a source that ends, or
// one with Limit or Until) to its end and returns the result.
func (s Stream) Collect() Frame {
	q := s.Start()
	if err := q.Wait(); err != nil {
		return failed(err)
	}
	return q.Snapshot()
}
