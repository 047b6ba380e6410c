package frames

import (
	"fmt"
	"slices"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Melt turns columns into rows (wide to long): the id columns, then
// "variable" (the name of the column a value came from) and "value", one
// row per input row and value column, column by column. Value columns must
// share a type (numbers widen to a common one).
func (f Frame) Melt(ids []string, values ...string) Frame {
	return f.derive(func(in node) (node, error) { return newMelt(in, ids, values) })
}

type meltNode struct {
	in          node
	ids, values []string
	vt          arrow.DataType
	schema      *arrow.Schema
}

func newMelt(in node, ids, values []string) (node, error) {
	s := in.Schema()
	if len(values) == 0 {
		return nil, fmt.Errorf("Melt: no value columns given")
	}
	var fields []arrow.Field
	for _, c := range ids {
		i := s.FieldIndices(c)
		if i == nil {
			return nil, fmt.Errorf("Melt: %w", unknownColumn(c, s))
		}
		fields = append(fields, s.Field(i[0]))
	}
	var vt arrow.DataType
	for _, c := range values {
		i := s.FieldIndices(c)
		if i == nil {
			return nil, fmt.Errorf("Melt: %w", unknownColumn(c, s))
		}
		if slices.Contains(ids, c) {
			return nil, fmt.Errorf("Melt: %q is both an id and a value column", c)
		}
		t := s.Field(i[0]).Type
		if vt == nil {
			vt = t
			continue
		}
		ct, err := commonType(vt, t)
		if err != nil {
			return nil, fmt.Errorf("Melt: column %q is %s, the others %s", c, t, vt)
		}
		vt = ct
	}
	for _, name := range []string{"variable", "value"} {
		if slices.Contains(ids, name) {
			return nil, fmt.Errorf("Melt: an id column is named %q", name)
		}
	}
	fields = append(fields, arrow.Field{Name: "variable", Type: arrow.BinaryTypes.String}, arrow.Field{Name: "value", Type: vt, Nullable: true})
	return &meltNode{in: in, ids: ids, values: values, vt: vt, schema: arrow.NewSchema(fields, nil)}, nil
}

func (m *meltNode) Schema() *arrow.Schema { return m.schema }
func (m *meltNode) String() string {
	return fmt.Sprintf("Melt ids %v values %v", m.ids, m.values)
}
func (m *meltNode) inputs() []node { return []node{m.in} }
func (m *meltNode) withInputs(ins []node) node {
	c := *m
	c.in = ins[0]
	return &c
}

func (m *meltNode) run(ins []*table) (*table, error) {
	t := ins[0]
	n, k := t.n, len(m.values)
	idx := make([]int32, 0, n*k)
	for range k {
		for i := range n {
			idx = append(idx, int32(i))
		}
	}
	out := &table{schema: m.schema, n: n * k}
	for _, c := range m.ids {
		a, err := takeArray(t.col(c), idx)
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, a)
	}
	names := array.NewStringBuilder(mem)
	var vals []arrow.Array
	for _, c := range m.values {
		for range n {
			names.Append(c)
		}
		v, err := castTo(t.col(c), m.vt)
		if err != nil {
			return nil, fmt.Errorf("Melt: column %q: %w", c, err)
		}
		vals = append(vals, v)
	}
	out.cols = append(out.cols, names.NewArray())
	if len(vals) == 1 {
		out.cols = append(out.cols, vals[0])
		return out, nil
	}
	v, err := array.Concatenate(vals, mem)
	if err != nil {
		return nil, err
	}
	out.cols = append(out.cols, v)
	return out, nil
}

// Pivot turns rows into columns (long to wide): one row per distinct
// index, one column per distinct value of column (named by it, in sorted
// order), holding the aggregation value (such as Col("magpsf").Mean())
// over the rows of that index and column value; null where there are none.
// The new columns depend on the data, so Pivot computes its input at once.
func (f Frame) Pivot(index []string, column string, value Expr) Frame {
	if f.f != nil && f.f.err != nil {
		return f
	}
	if value.e == nil || !value.e.isAgg() {
		return failed(fmt.Errorf("Pivot: the value must be an aggregation, such as Col(\"mag\").Mean()"))
	}
	keys := append(slices.Clone(index), column)
	long := f.GroupBy(keys...).Agg(value.Alias("__value"))
	lt, err := long.table()
	if err != nil {
		return failed(fmt.Errorf("Pivot: %w", err))
	}
	rows := f.GroupBy(index...).Agg(Count().Alias("__n")).Drop("__n")
	rt, err := rows.table()
	if err != nil {
		return failed(fmt.Errorf("Pivot: %w", err))
	}
	// The distinct column values, sorted, become the new columns.
	colVals, err := fromTable(lt, "pivot").Select(column).Unique().Sort(column).table()
	if err != nil {
		return failed(fmt.Errorf("Pivot: %w", err))
	}
	names := make([]string, colVals.n)
	for i := range names {
		names[i] = formatValue(colVals.cols[0], i)
		if slices.Contains(index, names[i]) {
			return failed(fmt.Errorf("Pivot: a value of %q, %q, is also the name of an index column", column, names[i]))
		}
	}
	// Number each long row's index and column value, then place it.
	rowIDs, err := keyIDsWithin(rt, lt, index)
	if err != nil {
		return failed(fmt.Errorf("Pivot: %w", err))
	}
	colIDs, err := keyIDsWithin(colVals, lt, []string{column})
	if err != nil {
		return failed(fmt.Errorf("Pivot: %w", err))
	}
	out := &table{n: rt.n, cols: slices.Clone(rt.cols)}
	fields := slices.Clone(rt.schema.Fields())
	v := lt.col("__value")
	for j, name := range names {
		at := make([]int32, rt.n)
		for i := range at {
			at[i] = -1
		}
		for i := range lt.n {
			if colIDs[i] == int32(j) {
				at[rowIDs[i]] = int32(i)
			}
		}
		c, err := takeArray(v, at)
		if err != nil {
			return failed(fmt.Errorf("Pivot: %w", err))
		}
		out.cols = append(out.cols, c)
		fields = append(fields, arrow.Field{Name: name, Type: v.DataType(), Nullable: true})
	}
	out.schema = arrow.NewSchema(fields, nil)
	return fromTable(out, "pivot")
}

// keyIDsWithin gives, for each row of t, the row of keys (distinct rows of
// the same columns) it matches.
func keyIDsWithin(keys, t *table, cols []string) ([]int32, error) {
	if len(cols) == 0 {
		return make([]int32, t.n), nil
	}
	kc := make([]arrow.Array, len(cols))
	tc := make([]arrow.Array, len(cols))
	var fs []arrow.Field
	for i, c := range cols {
		kc[i], tc[i] = keys.col(c), t.col(c)
		fs = append(fs, arrow.Field{Name: c, Type: kc[i].DataType(), Nullable: true})
	}
	sch := arrow.NewSchema(fs, nil)
	all, err := concatTables(sch, []*table{{schema: sch, cols: kc, n: keys.n}, {schema: sch, cols: tc, n: t.n}})
	if err != nil {
		return nil, err
	}
	g, err := groupRows(all, cols)
	if err != nil {
		return nil, err
	}
	// Keys come first, each its own group, numbered in order.
	out := make([]int32, t.n)
	for i := range t.n {
		out[i] = g.ids[keys.n+i]
	}
	return out, nil
}
