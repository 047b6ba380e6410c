package frames

import (
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Concat stacks frames with the same column names, in order; a column whose
// types differ (int and float) takes the common type.
func Concat(fs ...Frame) Frame {
	if len(fs) == 0 {
		return Frame{}
	}
	ins := make([]node, len(fs))
	for i, f := range fs {
		if f.f != nil && f.f.err != nil {
			return f
		}
		ins[i] = f.node()
	}
	s0 := ins[0].Schema()
	fields := append([]arrow.Field(nil), s0.Fields()...)
	for i, in := range ins[1:] {
		s := in.Schema()
		if s.NumFields() != len(fields) {
			return failed(fmt.Errorf("Concat: frame %d has %d columns, frame 0 has %d", i+1, s.NumFields(), len(fields)))
		}
		for j, fl := range s.Fields() {
			if fl.Name != fields[j].Name {
				return failed(fmt.Errorf("Concat: frame %d has column %q where frame 0 has %q", i+1, fl.Name, fields[j].Name))
			}
			t, err := commonType(fields[j].Type, fl.Type)
			if err != nil {
				return failed(fmt.Errorf("Concat: column %q: %w", fl.Name, err))
			}
			fields[j].Type = t
		}
	}
	return fromPlan(&concatNode{ins: ins, schema: arrow.NewSchema(fields, nil)})
}

type concatNode struct {
	ins    []node
	schema *arrow.Schema
}

func (c *concatNode) Schema() *arrow.Schema { return c.schema }
func (c *concatNode) String() string        { return fmt.Sprintf("Concat %d frames", len(c.ins)) }
func (c *concatNode) inputs() []node        { return c.ins }
func (c *concatNode) withInputs(ins []node) node {
	d := *c
	d.ins = ins
	return &d
}
func (c *concatNode) run(ins []*table) (*table, error) {
	parts := make([]*table, len(ins))
	for i, t := range ins {
		p := &table{schema: c.schema, n: t.n, cols: make([]arrow.Array, len(t.cols))}
		for j, col := range t.cols {
			cc, err := castTo(col, c.schema.Field(j).Type)
			if err != nil {
				return nil, fmt.Errorf("Concat: column %q: %w", c.schema.Field(j).Name, err)
			}
			p.cols[j] = cc
		}
		parts[i] = p
	}
	return concatTables(c.schema, parts)
}

// Unnest replaces a struct column by one column per field, named
// column_field (ZTF's candidate.magpsf becomes candidate_magpsf).
func (f Frame) Unnest(col string) Frame {
	return f.derive(func(in node) (node, error) {
		i := in.Schema().FieldIndices(col)
		if i == nil {
			return nil, fmt.Errorf("Unnest: %w", unknownColumn(col, in.Schema()))
		}
		st, ok := in.Schema().Field(i[0]).Type.(*arrow.StructType)
		if !ok {
			return nil, fmt.Errorf("Unnest: column %q is %s, not a struct", col, in.Schema().Field(i[0]).Type)
		}
		var xs []*expr
		for _, fl := range in.Schema().Fields() {
			if fl.Name != col {
				xs = append(xs, Col(fl.Name).e)
				continue
			}
			for _, sf := range st.Fields() {
				xs = append(xs, Col(col).Field(sf.Name).Alias(col+"_"+sf.Name).e)
			}
		}
		return newProject(in, xs)
	})
}

// Explode turns a list column into one row per element, repeating the other
// columns; an empty or null list gives one row with a null.
func (f Frame) Explode(col string) Frame {
	return f.derive(func(in node) (node, error) {
		i := in.Schema().FieldIndices(col)
		if i == nil {
			return nil, fmt.Errorf("Explode: %w", unknownColumn(col, in.Schema()))
		}
		lt, ok := in.Schema().Field(i[0]).Type.(*arrow.ListType)
		if !ok {
			return nil, fmt.Errorf("Explode: column %q is %s, not a list", col, in.Schema().Field(i[0]).Type)
		}
		fields := append([]arrow.Field(nil), in.Schema().Fields()...)
		fields[i[0]].Type = lt.Elem()
		return &explodeNode{in: in, col: col, schema: arrow.NewSchema(fields, nil)}, nil
	})
}

type explodeNode struct {
	in     node
	col    string
	schema *arrow.Schema
}

func (e *explodeNode) Schema() *arrow.Schema { return e.schema }
func (e *explodeNode) String() string        { return "Explode " + e.col }
func (e *explodeNode) inputs() []node        { return []node{e.in} }
func (e *explodeNode) withInputs(ins []node) node {
	c := *e
	c.in = ins[0]
	return &c
}
func (e *explodeNode) run(ins []*table) (*table, error) {
	t := ins[0]
	l := t.col(e.col).(*array.List)
	var rows, elems []int32
	for r := 0; r < t.n; r++ {
		s, end := l.ValueOffsets(r)
		if l.IsNull(r) || s == end {
			rows, elems = append(rows, int32(r)), append(elems, -1)
			continue
		}
		for j := s; j < end; j++ {
			rows, elems = append(rows, int32(r)), append(elems, int32(j))
		}
	}
	out := &table{schema: e.schema, n: len(rows)}
	for ci, c := range t.cols {
		var a arrow.Array
		var err error
		if t.schema.Field(ci).Name == e.col {
			a, err = takeArray(l.ListValues(), elems)
		} else {
			a, err = takeArray(c, rows)
		}
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, a)
	}
	return out, nil
}

// Describe summarizes the numeric columns: count (non-null), null count,
// mean, std, min, quartiles and max, one row per statistic.
func (f Frame) Describe() Frame {
	t, err := f.table()
	if err != nil {
		return failed(err)
	}
	stats := []string{"count", "nulls", "mean", "std", "min", "25%", "50%", "75%", "max"}
	cols := []Series{Column("statistic", stats)}
	src := fromTable(t, "describe")
	for _, fl := range t.schema.Fields() {
		if k := kindOf(fl.Type); k != kInt && k != kFloat {
			continue
		}
		c := Col(fl.Name)
		a := src.Agg(c.Count().Alias("count"), Count().Alias("rows"), c.Mean().Alias("mean"),
			c.Std().Alias("std"), c.Min().Alias("min"), c.Quantile(0.25).Alias("q1"),
			c.Median().Alias("q2"), c.Quantile(0.75).Alias("q3"), c.Max().Alias("max"))
		rs, err := a.Rows()
		if err != nil {
			return failed(fmt.Errorf("Describe: column %q: %w", fl.Name, err))
		}
		r := rs[0]
		n, rows := r["count"].(int64), r["rows"].(int64)
		cols = append(cols, Column(fl.Name, []any{float64(n), float64(rows - n), r["mean"], r["std"],
			asFloat(r["min"]), r["q1"], r["q2"], r["q3"], asFloat(r["max"])}))
	}
	if len(cols) == 1 {
		return failed(fmt.Errorf("Describe: no numeric columns (have %s)", strings.Join(f.Columns(), ", ")))
	}
	return New(cols...)
}

// asFloat converts a numeric Go value from goValue to float64 (nil stays).
func asFloat(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	}
	return v
}
