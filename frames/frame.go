package frames

import (
	"fmt"
	"reflect"
	"sort"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Frame is an immutable table: named, typed columns of equal length over
// Arrow arrays. Operations return new Frames and build a logical plan that
// runs, natively and once, when the rows are first needed (shown, counted,
// read); Explain prints the plan. A Frame that could not be built carries
// its error: every operation on it returns the same error, and Err reports it.
//
// The zero Frame is empty.
type Frame struct{ f *frame }

type frame struct {
	plan node
	err  error

	once sync.Once
	t    *table
}

// table is a materialized frame: one contiguous array per column.
type table struct {
	schema *arrow.Schema
	cols   []arrow.Array
	n      int
}

func (t *table) col(name string) arrow.Array {
	for i, f := range t.schema.Fields() {
		if f.Name == name {
			return t.cols[i]
		}
	}
	return nil
}

func fromPlan(p node) Frame { return Frame{&frame{plan: p}} }

func failed(err error) Frame { return Frame{&frame{err: err}} }

func fromTable(t *table, label string) Frame {
	fr := &frame{plan: &source{t: t, label: label}, t: t}
	fr.once.Do(func() {})
	return Frame{fr}
}

// Err reports why the Frame could not be built or computed.
func (f Frame) Err() error {
	if f.f == nil {
		return nil
	}
	if f.f.err != nil {
		return f.f.err
	}
	_, err := f.table()
	return err
}

// table runs the plan once and returns the result.
func (f Frame) table() (*table, error) {
	if f.f == nil {
		return &table{schema: arrow.NewSchema(nil, nil)}, nil
	}
	if f.f.err != nil {
		return nil, f.f.err
	}
	f.f.once.Do(func() {
		t, err := execute(optimize(f.f.plan))
		if err != nil {
			f.f.err = err
			return
		}
		f.f.t = t
	})
	return f.f.t, f.f.err
}

// node returns the Frame's plan: a materialized frame is a source.
func (f Frame) node() node {
	if f.f == nil {
		return &source{t: &table{schema: arrow.NewSchema(nil, nil)}, label: "empty"}
	}
	if f.f.t != nil {
		if s, ok := f.f.plan.(*source); ok {
			return s
		}
		return &source{t: f.f.t, label: "computed"}
	}
	return f.f.plan
}

// Schema is the Frame's Arrow schema (nil if the Frame has an error).
func (f Frame) Schema() *arrow.Schema {
	if f.f == nil {
		return arrow.NewSchema(nil, nil)
	}
	if f.f.err != nil {
		return nil
	}
	return f.f.plan.Schema()
}

// Columns lists the column names in order.
func (f Frame) Columns() []string {
	s := f.Schema()
	if s == nil {
		return nil
	}
	names := make([]string, s.NumFields())
	for i, fl := range s.Fields() {
		names[i] = fl.Name
	}
	return names
}

// NumRows is the number of rows; it computes the Frame (0 on error).
func (f Frame) NumRows() int {
	t, err := f.table()
	if err != nil {
		return 0
	}
	return t.n
}

// Len is NumRows.
func (f Frame) Len() int { return f.NumRows() }

// NumCols is the number of columns.
func (f Frame) NumCols() int { return len(f.Columns()) }

// Collect computes the Frame now and returns it; later operations start from
// the computed rows instead of re-running the plan.
func (f Frame) Collect() Frame {
	t, err := f.table()
	if err != nil {
		return failed(err)
	}
	return fromTable(t, "collected")
}

// New builds a Frame from columns of equal length. See Column for the Go
// slices a column accepts.
func New(cols ...Series) Frame {
	t := &table{}
	fields := make([]arrow.Field, 0, len(cols))
	seen := map[string]bool{}
	for i, c := range cols {
		if c.err != nil {
			return failed(c.err)
		}
		if seen[c.name] {
			return failed(fmt.Errorf("column %q appears twice", c.name))
		}
		seen[c.name] = true
		if i == 0 {
			t.n = c.arr.Len()
		} else if c.arr.Len() != t.n {
			return failed(fmt.Errorf("column %q has %d rows, column %q has %d: columns must have equal length",
				c.name, c.arr.Len(), cols[0].name, t.n))
		}
		fields = append(fields, arrow.Field{Name: c.name, Type: c.arr.DataType(), Nullable: true})
		t.cols = append(t.cols, c.arr)
	}
	t.schema = arrow.NewSchema(fields, nil)
	return fromTable(t, "columns")
}

// FromMap builds a Frame from a map of column name to Go slice; columns are
// in name order.
func FromMap(cols map[string]any) Frame {
	names := make([]string, 0, len(cols))
	for n := range cols {
		names = append(names, n)
	}
	sort.Strings(names)
	ss := make([]Series, len(names))
	for i, n := range names {
		ss[i] = Column(n, cols[n])
	}
	return New(ss...)
}

// FromStructs builds a Frame from a slice of structs (or pointers to them),
// one column per exported field, named by its `frame` or `json` tag or else
// the field name; `frame:"-"` skips a field. Nested structs become struct
// columns and slices list columns; nil pointers are nulls.
func FromStructs(rows any) Frame {
	rv := reflect.ValueOf(rows)
	if rv.Kind() != reflect.Slice {
		return failed(fmt.Errorf("FromStructs: want a slice of structs, got %T", rows))
	}
	et := rv.Type().Elem()
	for et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct {
		return failed(fmt.Errorf("FromStructs: want a slice of structs, got %T", rows))
	}
	st, err := arrowType(et)
	if err != nil {
		return failed(fmt.Errorf("FromStructs: %w", err))
	}
	b := array.NewStructBuilder(mem, st.(*arrow.StructType))
	defer b.Release()
	for i := 0; i < rv.Len(); i++ {
		v := rv.Index(i)
		for v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.Pointer { // a nil row: all columns null
			b.Append(true)
			for j := 0; j < b.NumField(); j++ {
				b.FieldBuilder(j).AppendNull()
			}
			continue
		}
		if err := appendGo(b, v); err != nil {
			return failed(fmt.Errorf("FromStructs: row %d: %w", i, err))
		}
	}
	arr := b.NewStructArray()
	t := &table{n: arr.Len()}
	var fields []arrow.Field
	for i, fl := range st.(*arrow.StructType).Fields() {
		fields = append(fields, fl)
		t.cols = append(t.cols, arr.Field(i))
	}
	t.schema = arrow.NewSchema(fields, nil)
	return fromTable(t, "structs")
}

// FromRecords builds a Frame from Arrow record batches of one schema.
func FromRecords(recs ...arrow.Record) Frame {
	t, err := concatRecords(recs)
	if err != nil {
		return failed(err)
	}
	return fromTable(t, fmt.Sprintf("records(%d)", len(recs)))
}

func concatRecords(recs []arrow.Record) (*table, error) {
	if len(recs) == 0 {
		return &table{schema: arrow.NewSchema(nil, nil)}, nil
	}
	schema := recs[0].Schema()
	parts := make([]*table, len(recs))
	for i, r := range recs {
		if !r.Schema().Equal(schema) {
			return nil, fmt.Errorf("record batches have different schemas: %s and %s", schema, r.Schema())
		}
		parts[i] = &table{schema: schema, cols: r.Columns(), n: int(r.NumRows())}
	}
	return concatTables(schema, parts)
}

// Record returns the Frame as one Arrow record batch.
func (f Frame) Record() (arrow.Record, error) {
	t, err := f.table()
	if err != nil {
		return nil, err
	}
	return array.NewRecord(t.schema, t.cols, int64(t.n)), nil
}

// Column returns a column as an Arrow array.
func (f Frame) Column(name string) (arrow.Array, error) {
	t, err := f.table()
	if err != nil {
		return nil, err
	}
	if c := t.col(name); c != nil {
		return c, nil
	}
	return nil, unknownColumn(name, t.schema)
}

// Value returns the value at a row of a column as a Go value (nil for null).
func (f Frame) Value(row int, name string) (any, error) {
	c, err := f.Column(name)
	if err != nil {
		return nil, err
	}
	if row < 0 || row >= c.Len() {
		return nil, fmt.Errorf("row %d out of range [0, %d)", row, c.Len())
	}
	return goValue(c, row), nil
}

// Float64s returns a numeric column as float64s, nulls as NaN.
func (f Frame) Float64s(name string) ([]float64, error) {
	c, err := f.Column(name)
	if err != nil {
		return nil, err
	}
	fc, err := castTo(c, arrow.PrimitiveTypes.Float64)
	if err != nil {
		return nil, fmt.Errorf("column %q: %w", name, err)
	}
	return float64sNaN(fc.(*array.Float64)), nil
}

// Int64s returns an integer column as int64s, nulls as 0.
func (f Frame) Int64s(name string) ([]int64, error) {
	c, err := f.Column(name)
	if err != nil {
		return nil, err
	}
	ic, err := castTo(c, arrow.PrimitiveTypes.Int64)
	if err != nil {
		return nil, fmt.Errorf("column %q: %w", name, err)
	}
	out := append([]int64(nil), ic.(*array.Int64).Int64Values()...)
	for i := range out {
		if ic.IsNull(i) {
			out[i] = 0
		}
	}
	return out, nil
}

// Strings returns a column formatted as strings, nulls as "".
func (f Frame) Strings(name string) ([]string, error) {
	c, err := f.Column(name)
	if err != nil {
		return nil, err
	}
	out := make([]string, c.Len())
	if s, ok := c.(*array.String); ok {
		for i := range out {
			out[i] = s.Value(i)
		}
		return out, nil
	}
	for i := range out {
		if c.IsValid(i) {
			out[i] = formatValue(c, i)
		}
	}
	return out, nil
}

// Rows returns every row as a map from column name to Go value; meant for
// small frames.
func (f Frame) Rows() ([]map[string]any, error) {
	t, err := f.table()
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, t.n)
	for i := range out {
		m := make(map[string]any, len(t.cols))
		for j, fl := range t.schema.Fields() {
			m[fl.Name] = goValue(t.cols[j], i)
		}
		out[i] = m
	}
	return out, nil
}
