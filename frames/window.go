package frames

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
)

// The columns Frame.Window adds.
const (
	WindowStart = "window_start"
	WindowEnd   = "window_end"
)

// A WindowSpec says how rows are assigned to event-time windows: Tumbling,
// Sliding, Cumulative or Session. Windows are half-open intervals
// [window_start, window_end) aligned to the Unix epoch, as in Flink SQL.
type WindowSpec struct {
	kind        string // "tumbling", "sliding", "cumulative", "session"
	col         string
	size, slide time.Duration // slide: the hop (sliding), the step (cumulative), the gap (session)
}

// Tumbling windows: fixed, non-overlapping intervals of size on column col
// (a timestamp); each row is in exactly one.
func Tumbling(col string, size time.Duration) WindowSpec {
	return WindowSpec{kind: "tumbling", col: col, size: size, slide: size}
}

// Sliding (hopping) windows of size starting every slide; a row is in
// size/slide of them, so Window repeats it once per window.
func Sliding(col string, size, slide time.Duration) WindowSpec {
	return WindowSpec{kind: "sliding", col: col, size: size, slide: slide}
}

// Cumulative windows grow by step from the start of each size-long period
// to its end ([0, step), [0, 2·step), …, [0, size)): "so far today" totals
// updated every step.
func Cumulative(col string, step, size time.Duration) WindowSpec {
	return WindowSpec{kind: "cumulative", col: col, size: size, slide: step}
}

// Session windows per key: a session runs from a row's time until gap after
// the last row that follows within gap of the one before.
func Session(col string, gap time.Duration) WindowSpec {
	return WindowSpec{kind: "session", col: col, slide: gap}
}

// Column is the time column the windows are taken on.
func (w WindowSpec) Column() string { return w.col }

// String describes the windows, as Explain shows them.
func (w WindowSpec) String() string {
	switch w.kind {
	case "tumbling":
		return fmt.Sprintf("Tumbling(%s, %s)", w.col, w.size)
	case "sliding":
		return fmt.Sprintf("Sliding(%s, %s every %s)", w.col, w.size, w.slide)
	case "cumulative":
		return fmt.Sprintf("Cumulative(%s, %s in steps of %s)", w.col, w.size, w.slide)
	case "session":
		return fmt.Sprintf("Session(%s, gap %s)", w.col, w.slide)
	}
	return "no window"
}

func (w WindowSpec) check() error {
	switch w.kind {
	case "":
		return fmt.Errorf("Window: no window given (use Tumbling, Sliding, Cumulative or Session)")
	case "session":
		if w.slide <= 0 {
			return fmt.Errorf("Window: %s: the gap must be positive", w)
		}
		return nil
	}
	if w.size <= 0 || w.slide <= 0 {
		return fmt.Errorf("Window: %s: sizes must be positive", w)
	}
	if w.slide > w.size {
		return fmt.Errorf("Window: %s: the step is longer than the window", w)
	}
	if w.kind == "cumulative" && w.size%w.slide != 0 {
		return fmt.Errorf("Window: %s: the size must be a whole number of steps", w)
	}
	return nil
}

// Window assigns each row to its windows, adding window_start and
// window_end (timestamps like the time column). A row of a sliding or
// cumulative window appears once per window it is in; a row without a
// time is in no window and is left out. Group by window_start (and
// window_end) to aggregate per window, or use GroupByWindow.
// Session windows depend on keys: use GroupByWindow for them.
func (f Frame) Window(w WindowSpec) Frame {
	return f.derive(func(in node) (node, error) { return newWindow(in, w, nil) })
}

// GroupByWindow groups rows by window and by key columns; Agg then gives
// window_start, window_end, the keys and the aggregations.
func (f Frame) GroupByWindow(w WindowSpec, keys ...string) Grouped {
	var sk []string
	if w.kind == "session" {
		sk = keys
	}
	wf := f.derive(func(in node) (node, error) { return newWindow(in, w, sk) })
	return wf.GroupBy(append([]string{WindowStart, WindowEnd}, keys...)...)
}

// windowNode assigns rows to windows.
type windowNode struct {
	in     node
	w      WindowSpec
	keys   []string // session windows: sessions are per key
	schema *arrow.Schema
}

func newWindow(in node, w WindowSpec, keys []string) (node, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	s := in.Schema()
	i := s.FieldIndices(w.col)
	if i == nil {
		return nil, fmt.Errorf("Window: %w", unknownColumn(w.col, s))
	}
	tt := s.Field(i[0]).Type
	if tt.ID() != arrow.TIMESTAMP {
		return nil, fmt.Errorf("Window: column %q is %s, not a timestamp (FromJD/FromMJD convert numbers)", w.col, tt)
	}
	for _, name := range []string{WindowStart, WindowEnd} {
		if s.FieldIndices(name) != nil {
			return nil, fmt.Errorf("Window: the input already has a column %q", name)
		}
	}
	if w.kind == "session" && keys == nil {
		keys = []string{}
	}
	for _, k := range keys {
		if s.FieldIndices(k) == nil {
			return nil, fmt.Errorf("Window: %w", unknownColumn(k, s))
		}
	}
	fields := append(slices.Clone(s.Fields()),
		arrow.Field{Name: WindowStart, Type: tt}, arrow.Field{Name: WindowEnd, Type: tt})
	return &windowNode{in: in, w: w, keys: keys, schema: arrow.NewSchema(fields, nil)}, nil
}

func (n *windowNode) Schema() *arrow.Schema { return n.schema }
func (n *windowNode) String() string        { return "Window " + n.w.String() }
func (n *windowNode) inputs() []node        { return []node{n.in} }
func (n *windowNode) withInputs(ins []node) node {
	c := *n
	c.in = ins[0]
	return &c
}

func (n *windowNode) run(ins []*table) (*table, error) {
	t := ins[0]
	tc := t.col(n.w.col)
	ts, err := i64s(val{a: tc})
	if err != nil {
		return nil, err
	}
	u := unit(tc.DataType())
	var rows []int32
	var start, end []int64
	if n.w.kind == "session" {
		rows, start, end, err = sessions(t, n.keys, ts, validity(tc), int64(n.w.slide/u))
		if err != nil {
			return nil, err
		}
	} else {
		rows, start, end = assignWindows(n.w, ts, validity(tc), u)
	}
	out := &table{schema: n.schema, cols: slices.Clone(t.cols), n: t.n}
	if rows != nil {
		if out, err = takeTable(t, rows); err != nil {
			return nil, err
		}
		out.schema = n.schema
	}
	tt := tc.DataType()
	out.cols = append(out.cols, numArray(tt, start, nil), numArray(tt, end, nil))
	return out, nil
}

// floorTo rounds v down to a multiple of step (also for negative v).
func floorTo(v, step int64) int64 {
	r := v % step
	if r < 0 {
		r += step
	}
	return v - r
}

// assignWindows lists, for every row with a time, each window it is in;
// rows is nil when that is every row once, in order.
func assignWindows(w WindowSpec, ts []int64, valid []byte, u time.Duration) (rows []int32, start, end []int64) {
	size, slide := max(int64(w.size/u), 1), max(int64(w.slide/u), 1)
	if w.kind == "tumbling" && valid == nil {
		// One window a row, every row: the rows stay as they are.
		start, end = make([]int64, len(ts)), make([]int64, len(ts))
		for i, v := range ts {
			start[i] = floorTo(v, size)
			end[i] = start[i] + size
		}
		return nil, start, end
	}
	per := 1
	if w.kind != "tumbling" {
		per = int((size + slide - 1) / slide)
	}
	rows = make([]int32, 0, len(ts)*per)
	start = make([]int64, 0, len(ts)*per)
	end = make([]int64, 0, len(ts)*per)
	for i, v := range ts {
		if !isValid(valid, i) {
			continue
		}
		switch w.kind {
		case "tumbling":
			s := floorTo(v, size)
			rows, start, end = append(rows, int32(i)), append(start, s), append(end, s+size)
		case "sliding":
			// Every start on the slide grid in (v-size, v], oldest first.
			first := floorTo(v-size, slide) + slide
			for s := first; s <= v; s += slide {
				rows, start, end = append(rows, int32(i)), append(start, s), append(end, s+size)
			}
		case "cumulative":
			s := floorTo(v, size)
			for e := s + floorTo(v-s, slide) + slide; e <= s+size; e += slide {
				rows, start, end = append(rows, int32(i)), append(start, s), append(end, e)
			}
		}
	}
	return rows, start, end
}

// sessions assigns rows to per-key sessions: rows of a key sorted by time,
// a new session wherever the gap to the previous row is gap or more.
func sessions(t *table, keys []string, ts []int64, valid []byte, gap int64) (rows []int32, start, end []int64, err error) {
	g, err := groupRows(t, keys)
	if err != nil {
		return nil, nil, nil, err
	}
	idx := make([]int32, 0, t.n)
	for i := range t.n {
		if isValid(valid, i) {
			idx = append(idx, int32(i))
		}
	}
	slices.SortStableFunc(idx, func(a, b int32) int {
		if c := int(g.ids[a]) - int(g.ids[b]); c != 0 {
			return c
		}
		return cmp.Compare(ts[a], ts[b])
	})
	start = make([]int64, len(idx))
	end = make([]int64, len(idx))
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		last := ts[idx[lo]]
		for hi < len(idx) && g.ids[idx[hi]] == g.ids[idx[lo]] && ts[idx[hi]]-last < gap {
			last = ts[idx[hi]]
			hi++
		}
		for k := lo; k < hi; k++ {
			start[k], end[k] = ts[idx[lo]], last+gap
		}
		lo = hi
	}
	return idx, start, end, nil
}
