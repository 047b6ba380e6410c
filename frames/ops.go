package frames

import (
	"fmt"
	mbits "math/bits"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
)

// projectNode computes a new set of columns from expressions.
type projectNode struct {
	in     node
	exprs  []*expr
	schema *arrow.Schema
}

func newProject(in node, exprs []*expr) (node, error) {
	fields := make([]arrow.Field, len(exprs))
	seen := map[string]bool{}
	for i, e := range exprs {
		if e.isAgg() {
			return nil, fmt.Errorf("%s is an aggregation: use it in GroupBy(...).Agg or Agg", e)
		}
		t, err := exprType(e, in.Schema())
		if err != nil {
			return nil, err
		}
		name := e.outName()
		if seen[name] {
			return nil, fmt.Errorf("column %q would appear twice (use Alias)", name)
		}
		seen[name] = true
		fields[i] = arrow.Field{Name: name, Type: t, Nullable: true}
		if e.op == "col" {
			// A column passed through keeps its field: nullability and
			// metadata (what a writer derives a schema from).
			if j := in.Schema().FieldIndices(e.name); j != nil {
				fields[i] = in.Schema().Field(j[0])
			}
		}
	}
	return &projectNode{in: in, exprs: exprs, schema: arrow.NewSchema(fields, nil)}, nil
}

func (p *projectNode) Schema() *arrow.Schema { return p.schema }
func (p *projectNode) String() string {
	// All the input's columns kept, in order, some replaced or added to:
	// say only what changes.
	in := p.in.Schema()
	if len(p.exprs) >= in.NumFields() {
		var changed []string
		same := true
		for i, e := range p.exprs {
			if i < in.NumFields() && e.outName() != in.Field(i).Name {
				same = false
				break
			}
			if i >= in.NumFields() || e.op != "col" {
				v := e
				if v.op == "alias" {
					v = v.args[0]
				}
				changed = append(changed, e.outName()+" = "+v.String())
			}
		}
		if same && len(changed) > 0 {
			return "WithColumns " + strings.Join(changed, ", ")
		}
	}
	parts := make([]string, len(p.exprs))
	for i, e := range p.exprs {
		parts[i] = e.String()
		if e.op != "col" && e.op != "alias" {
			parts[i] += " AS " + e.outName()
		}
	}
	return "Project " + strings.Join(parts, ", ")
}
func (p *projectNode) inputs() []node { return []node{p.in} }
func (p *projectNode) withInputs(ins []node) node {
	c := *p
	c.in = ins[0]
	return &c
}
func (p *projectNode) run(ins []*table) (*table, error) {
	t := ins[0]
	out := &table{schema: p.schema, cols: make([]arrow.Array, len(p.exprs)), n: t.n}
	for i, e := range p.exprs {
		c, err := evalColumn(e, t)
		if err != nil {
			return nil, err
		}
		if want := p.schema.Field(i).Type; c.DataType() != want && !arrow.TypeEqual(c.DataType(), want) {
			// Map's type is only known from its results.
			fs := p.schema.Fields()
			fs[i].Type = c.DataType()
			out.schema = arrow.NewSchema(fs, nil)
		}
		out.cols[i] = c
	}
	return out, nil
}

// filterNode keeps the rows where a predicate is true.
type filterNode struct {
	in   node
	pred *expr
}

func (f *filterNode) Schema() *arrow.Schema { return f.in.Schema() }
func (f *filterNode) String() string        { return "Filter " + f.pred.String() }
func (f *filterNode) inputs() []node        { return []node{f.in} }
func (f *filterNode) withInputs(ins []node) node {
	c := *f
	c.in = ins[0]
	return &c
}
func (f *filterNode) run(ins []*table) (*table, error) { return filterTable(ins[0], f.pred) }

func filterTable(t *table, pred *expr) (*table, error) {
	m, err := evalColumn(pred, t)
	if err != nil {
		return nil, err
	}
	bits := append([]byte(nil), boolBits(m)...)
	if v := validity(m); v != nil {
		for i := range bits {
			bits[i] &= v[i]
		}
	}
	return compressTable(t, bits)
}

// compressTable keeps the rows whose bit is set. Each CPU takes a range of
// whole bytes of the mask; plain numeric columns are copied straight from
// the mask, the others gathered by row index.
func compressTable(t *table, bits []byte) (*table, error) {
	k := bitutil.CountSetBits(bits, 0, t.n)
	if k == t.n {
		return t, nil
	}
	ranges := ranges8(t.n)
	starts := make([]int, len(ranges))
	for i := 1; i < len(ranges); i++ {
		r := ranges[i-1]
		starts[i] = starts[i-1] + bitutil.CountSetBits(bits, r[0], r[1]-r[0])
	}
	var idx []int32 // built once, when a column needs it
	out := &table{schema: t.schema, cols: make([]arrow.Array, len(t.cols)), n: k}
	for ci, c := range t.cols {
		var a arrow.Array
		if c.NullN() == 0 && c.Data().Offset() == 0 {
			switch v := c.(type) {
			case *array.Float64:
				a = fixed(c.DataType(), compress(v.Float64Values(), bits, ranges, starts, k), nil, 0)
			case *array.Int64:
				a = fixed(c.DataType(), compress(v.Int64Values(), bits, ranges, starts, k), nil, 0)
			case *array.Int32:
				a = fixed(c.DataType(), compress(v.Int32Values(), bits, ranges, starts, k), nil, 0)
			case *array.Timestamp:
				a = fixed(c.DataType(), compress(v.TimestampValues(), bits, ranges, starts, k), nil, 0)
			}
		}
		if a == nil {
			if idx == nil {
				idx = make([]int32, k)
				for ri, r := range ranges {
					j := starts[ri]
					for i := r[0]; i < r[1]; i++ {
						if bits[i>>3]&(1<<(i&7)) != 0 {
							idx[j] = int32(i)
							j++
						}
					}
				}
			}
			var err error
			if a, err = takeArray(c, idx); err != nil {
				return nil, fmt.Errorf("column %q: %w", t.schema.Field(ci).Name, err)
			}
		}
		out.cols[ci] = a
	}
	return out, nil
}

// compress copies x[i] for every set bit i, each range in parallel to its
// precomputed start.
func compress[T any](x []T, bits []byte, ranges [][2]int, starts []int, k int) []T {
	out := make([]T, k)
	var wg sync.WaitGroup
	for ri, r := range ranges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j := starts[ri]
			lo, hi := r[0], r[1]
			full := lo + (hi-lo)&^7
			for i := lo; i < full; i += 8 {
				b := bits[i>>3]
				for b != 0 {
					out[j] = x[i+mbits.TrailingZeros8(b)]
					j++
					b &= b - 1
				}
			}
			for i := full; i < hi; i++ {
				if bits[i>>3]&(1<<(i&7)) != 0 {
					out[j] = x[i]
					j++
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// limitNode keeps a range of rows.
type limitNode struct {
	in     node
	off, n int
	tail   bool
}

func (l *limitNode) Schema() *arrow.Schema { return l.in.Schema() }
func (l *limitNode) String() string {
	if l.tail {
		return fmt.Sprintf("Tail %d", l.n)
	}
	return fmt.Sprintf("Slice offset %d, %d rows", l.off, l.n)
}
func (l *limitNode) inputs() []node { return []node{l.in} }
func (l *limitNode) withInputs(ins []node) node {
	c := *l
	c.in = ins[0]
	return &c
}
func (l *limitNode) run(ins []*table) (*table, error) {
	t := ins[0]
	lo, hi := l.off, l.off+l.n
	if l.tail {
		lo, hi = t.n-l.n, t.n
	}
	lo, hi = max(0, min(lo, t.n)), max(0, min(hi, t.n))
	return sliceTable(t, lo, hi), nil
}

func sliceTable(t *table, lo, hi int) *table {
	out := &table{schema: t.schema, cols: make([]arrow.Array, len(t.cols)), n: hi - lo}
	for i, c := range t.cols {
		out.cols[i] = array.NewSlice(c, int64(lo), int64(hi))
	}
	return out
}

// derive builds a Frame from a new plan step, or carries an error.
func (f Frame) derive(mk func(in node) (node, error)) Frame {
	if f.f != nil && f.f.err != nil {
		return f
	}
	n, err := mk(f.node())
	if err != nil {
		return failed(err)
	}
	return fromPlan(n)
}

func exprs(xs []Expr) []*expr {
	out := make([]*expr, len(xs))
	for i, x := range xs {
		if x.e == nil {
			out[i] = &expr{op: "bad", str: "empty expression"}
			continue
		}
		out[i] = x.e
	}
	return out
}

// Select keeps the named columns, in the order given.
func (f Frame) Select(cols ...string) Frame {
	xs := make([]Expr, len(cols))
	for i, c := range cols {
		xs[i] = Col(c)
	}
	return f.SelectExprs(xs...)
}

// SelectExprs computes a new set of columns from expressions; each is named
// by its Alias or the column it reads.
func (f Frame) SelectExprs(xs ...Expr) Frame {
	return f.derive(func(in node) (node, error) { return newProject(in, exprs(xs)) })
}

// Drop removes the named columns.
func (f Frame) Drop(cols ...string) Frame {
	return f.derive(func(in node) (node, error) {
		drop := map[string]bool{}
		for _, c := range cols {
			if in.Schema().FieldIndices(c) == nil {
				return nil, unknownColumn(c, in.Schema())
			}
			drop[c] = true
		}
		var keep []*expr
		for _, fl := range in.Schema().Fields() {
			if !drop[fl.Name] {
				keep = append(keep, Col(fl.Name).e)
			}
		}
		return newProject(in, keep)
	})
}

// Rename renames columns: pairs of old and new names,
// Rename("magpsf", "mag", "fid", "band").
func (f Frame) Rename(oldNew ...string) Frame {
	return f.derive(func(in node) (node, error) {
		if len(oldNew)%2 != 0 {
			return nil, fmt.Errorf("Rename takes pairs of names, got %d names", len(oldNew))
		}
		m := map[string]string{}
		for i := 0; i < len(oldNew); i += 2 {
			if in.Schema().FieldIndices(oldNew[i]) == nil {
				return nil, unknownColumn(oldNew[i], in.Schema())
			}
			m[oldNew[i]] = oldNew[i+1]
		}
		var xs []*expr
		for _, fl := range in.Schema().Fields() {
			e := Col(fl.Name)
			if n, ok := m[fl.Name]; ok {
				e = e.Alias(n)
			}
			xs = append(xs, e.e)
		}
		return newProject(in, xs)
	})
}

// WithColumn adds a column computed by an expression, or replaces the column
// of that name.
func (f Frame) WithColumn(name string, x Expr) Frame { return f.WithColumns(x.Alias(name)) }

// WithColumns adds or replaces several columns, each named by its Alias (or
// the column it reads); all read the input columns, not each other.
func (f Frame) WithColumns(xs ...Expr) Frame {
	return f.derive(func(in node) (node, error) {
		add := exprs(xs)
		byName := map[string]*expr{}
		for _, e := range add {
			byName[e.outName()] = e
		}
		var out []*expr
		for _, fl := range in.Schema().Fields() {
			if e, ok := byName[fl.Name]; ok {
				out = append(out, e)
				delete(byName, fl.Name)
			} else {
				out = append(out, Col(fl.Name).e)
			}
		}
		for _, e := range add {
			if _, ok := byName[e.outName()]; ok {
				out = append(out, e)
			}
		}
		return newProject(in, out)
	})
}

// Filter keeps the rows where pred is true (null counts as false).
func (f Frame) Filter(pred Expr) Frame {
	return f.derive(func(in node) (node, error) {
		if pred.e == nil {
			return nil, fmt.Errorf("Filter: empty predicate")
		}
		if pred.e.isAgg() {
			return nil, fmt.Errorf("Filter: %s is an aggregation", pred)
		}
		t, err := exprType(pred.e, in.Schema())
		if err != nil {
			return nil, fmt.Errorf("Filter: %w", err)
		}
		if t.ID() != arrow.BOOL {
			return nil, fmt.Errorf("Filter: %s is %s, not bool", pred, t)
		}
		return &filterNode{in: in, pred: pred.e}, nil
	})
}

// Head keeps the first n rows.
func (f Frame) Head(n int) Frame { return f.Slice(0, n) }

// Tail keeps the last n rows.
func (f Frame) Tail(n int) Frame {
	return f.derive(func(in node) (node, error) { return &limitNode{in: in, n: max(n, 0), tail: true}, nil })
}

// Slice keeps n rows from offset.
func (f Frame) Slice(offset, n int) Frame {
	return f.derive(func(in node) (node, error) {
		if offset < 0 {
			return nil, fmt.Errorf("Slice: negative offset %d", offset)
		}
		return &limitNode{in: in, off: offset, n: max(n, 0)}, nil
	})
}
