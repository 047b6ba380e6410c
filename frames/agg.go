package frames

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Grouped is a Frame grouped by key columns; Agg computes one row per group.
type Grouped struct {
	f    Frame
	keys []string
}

// GroupBy groups rows by the values of key columns (nulls form a group).
func (f Frame) GroupBy(keys ...string) Grouped { return Grouped{f: f, keys: keys} }

// Agg computes aggregations per group: the key columns, then one column per
// aggregation (named by Alias, or column_agg as in magpsf_mean; Count() is
// "count"). Groups come in order of first appearance.
func (g Grouped) Agg(aggs ...Expr) Frame {
	return g.f.derive(func(in node) (node, error) { return newAgg(in, g.keys, exprs(aggs)) })
}

// Count is Agg(Count()): the number of rows per group.
func (g Grouped) Count() Frame { return g.Agg(Count()) }

// Agg aggregates the whole Frame into one row.
func (f Frame) Agg(aggs ...Expr) Frame {
	return f.derive(func(in node) (node, error) { return newAgg(in, nil, exprs(aggs)) })
}

// aggNode computes aggregations per group.
type aggNode struct {
	in     node
	keys   []string
	aggs   []*expr
	schema *arrow.Schema
}

func newAgg(in node, keys []string, aggs []*expr) (node, error) {
	var fields []arrow.Field
	seen := map[string]bool{}
	for _, k := range keys {
		i := in.Schema().FieldIndices(k)
		if i == nil {
			return nil, fmt.Errorf("GroupBy: %w", unknownColumn(k, in.Schema()))
		}
		if seen[k] {
			return nil, fmt.Errorf("GroupBy: key %q given twice", k)
		}
		seen[k] = true
		fields = append(fields, in.Schema().Field(i[0]))
	}
	if len(aggs) == 0 {
		return nil, fmt.Errorf("Agg: no aggregations given (e.g. Count(), Col(\"x\").Mean())")
	}
	for _, a := range aggs {
		op, arg, err := splitAgg(a)
		if err != nil {
			return nil, err
		}
		var at arrow.DataType = arrow.Null
		if arg != nil {
			if at, err = exprType(arg, in.Schema()); err != nil {
				return nil, fmt.Errorf("Agg: %w", err)
			}
		}
		rt, err := aggType(op, at)
		if err != nil {
			return nil, fmt.Errorf("Agg: %s: %w", a, err)
		}
		name := a.outName()
		if seen[name] {
			return nil, fmt.Errorf("Agg: column %q would appear twice (use Alias)", name)
		}
		seen[name] = true
		fields = append(fields, arrow.Field{Name: name, Type: rt, Nullable: true})
	}
	return &aggNode{in: in, keys: keys, aggs: aggs, schema: arrow.NewSchema(fields, nil)}, nil
}

// splitAgg checks an aggregation expression (an aggregation of a plain
// expression, maybe aliased) and returns its parts.
func splitAgg(a *expr) (*expr, *expr, error) {
	if a.op == "alias" {
		a = a.args[0]
	}
	if !aggOps[a.op] {
		return nil, nil, fmt.Errorf("Agg: %s is not an aggregation (Count, Sum, Mean, Min, Max, Std, Var, First, Last, CountDistinct, Quantile, Median, List)", a)
	}
	if len(a.args) == 0 {
		return a, nil, nil
	}
	if a.args[0].isAgg() {
		return nil, nil, fmt.Errorf("Agg: %s nests aggregations", a)
	}
	return a, a.args[0], nil
}

func aggType(op *expr, t arrow.DataType) (arrow.DataType, error) {
	k := kindOf(t)
	num := k == kInt || k == kFloat
	switch op.op {
	case "count", "countdistinct":
		return arrow.PrimitiveTypes.Int64, nil
	case "sum":
		if k == kInt {
			return arrow.PrimitiveTypes.Int64, nil
		}
		if k == kDuration {
			return t, nil
		}
		if num || k == kNull {
			return arrow.PrimitiveTypes.Float64, nil
		}
	case "mean", "std", "var", "median", "quantile":
		if op.op == "quantile" && (op.num < 0 || op.num > 1) {
			return nil, fmt.Errorf("quantile %g is outside [0, 1]", op.num)
		}
		if num || k == kNull {
			return arrow.PrimitiveTypes.Float64, nil
		}
	case "min", "max":
		if sortable(t) || k == kNull {
			return t, nil
		}
	case "first", "last":
		return t, nil
	case "list":
		return arrow.ListOf(t), nil
	}
	return nil, fmt.Errorf("cannot take %s of %s", op.op, t)
}

func (a *aggNode) Schema() *arrow.Schema { return a.schema }
func (a *aggNode) String() string {
	parts := make([]string, len(a.aggs))
	for i, e := range a.aggs {
		parts[i] = e.String()
	}
	if len(a.keys) == 0 {
		return "Aggregate " + strings.Join(parts, ", ")
	}
	return fmt.Sprintf("GroupBy %s Aggregate %s", strings.Join(a.keys, ", "), strings.Join(parts, ", "))
}
func (a *aggNode) inputs() []node { return []node{a.in} }
func (a *aggNode) withInputs(ins []node) node {
	c := *a
	c.in = ins[0]
	return &c
}

func (a *aggNode) run(ins []*table) (*table, error) {
	t := ins[0]
	if out, ok, err := a.foldAggs(t); ok || err != nil {
		return out, err
	}
	g, err := groupRows(t, a.keys)
	if err != nil {
		return nil, err
	}
	if len(a.keys) > 0 && t.n == 0 {
		g.n = 0
	}
	out := &table{schema: a.schema, n: g.n}
	for _, k := range a.keys {
		c, err := takeArray(t.col(k), g.first)
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, c)
	}
	// Each aggregation is independent; run them at once.
	res := make([]arrow.Array, len(a.aggs))
	errs := make([]error, len(a.aggs))
	var wg sync.WaitGroup
	for i, e := range a.aggs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = aggregate(e, t, g)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%s: %w", e, errs[i])
			}
		}()
	}
	wg.Wait()
	for i := range res {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if !arrow.TypeEqual(res[i].DataType(), a.schema.Field(len(a.keys)+i).Type) {
			return nil, fmt.Errorf("internal: %s gave %s, planned %s", a.aggs[i], res[i].DataType(), a.schema.Field(len(a.keys)+i).Type)
		}
		out.cols = append(out.cols, res[i])
	}
	return out, nil
}

func aggregate(e *expr, t *table, g *groups) (arrow.Array, error) {
	op, arg, err := splitAgg(e)
	if err != nil {
		return nil, err
	}
	if arg == nil { // Count()
		counts := countPer(g, nil)
		return numArray(arrow.PrimitiveTypes.Int64, counts, nil), nil
	}
	c, err := evalColumn(arg, t)
	if err != nil {
		return nil, err
	}
	var valid []byte
	if c.NullN() > 0 {
		valid = validity(c)
	}
	k := kindOf(c.DataType())
	switch op.op {
	case "count":
		return numArray(arrow.PrimitiveTypes.Int64, countPer(g, valid), nil), nil
	case "sum":
		switch k {
		case kInt, kDuration:
			x, err := i64s(val{a: c})
			if err != nil {
				return nil, err
			}
			rt := arrow.DataType(arrow.PrimitiveTypes.Int64)
			if k == kDuration {
				rt = c.DataType()
			}
			return numArray(rt, sumPer(g, x, valid), nil), nil
		case kNull:
			return numArray(arrow.PrimitiveTypes.Float64, make([]float64, g.n), nil), nil
		}
		x, err := f64s(val{a: c})
		if err != nil {
			return nil, err
		}
		return numArray(arrow.PrimitiveTypes.Float64, sumPer(g, x, valid), nil), nil
	case "mean", "std", "var":
		if k == kNull {
			return array.MakeArrayOfNull(mem, arrow.PrimitiveTypes.Float64, g.n), nil
		}
		x, err := f64s(val{a: c})
		if err != nil {
			return nil, err
		}
		return moments(op.op, g, x, valid), nil
	case "min", "max":
		return extreme(op.op == "min", g, c, valid)
	case "first", "last":
		idx := make([]int32, g.n)
		if op.op == "first" {
			copy(idx, g.first)
		} else {
			for i, id := range g.ids {
				idx[id] = int32(i)
			}
		}
		if t.n == 0 {
			return array.MakeArrayOfNull(mem, c.DataType(), g.n), nil
		}
		return takeArray(c, idx)
	case "countdistinct":
		return countDistinct(g, c)
	case "median", "quantile":
		q := op.num
		if op.op == "median" {
			q = 0.5
		}
		if k == kNull {
			return array.MakeArrayOfNull(mem, arrow.PrimitiveTypes.Float64, g.n), nil
		}
		return quantiles(g, c, valid, q)
	case "list":
		return listPer(g, c)
	}
	return nil, fmt.Errorf("unknown aggregation %q", op.op)
}

func isValid(valid []byte, i int) bool { return valid == nil || valid[i>>3]&(1<<(i&7)) != 0 }

// perChunk runs fn over each CPU's range with its own accumulators and
// returns them for merging.
func perChunk[A any](n int, fresh func() A, fn func(acc A, lo, hi int)) []A {
	parts := chunks(n)
	accs := make([]A, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		accs[p] = fresh()
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(accs[p], r[0], r[1])
		}()
	}
	wg.Wait()
	return accs
}

func countPer(g *groups, valid []byte) []int64 {
	accs := perChunk(len(g.ids), func() []int64 { return make([]int64, g.n) }, func(acc []int64, lo, hi int) {
		ids := g.ids[lo:hi]
		if valid == nil {
			for _, id := range ids {
				acc[id]++
			}
			return
		}
		for j, id := range ids {
			if isValid(valid, lo+j) {
				acc[id]++
			}
		}
	})
	return mergeSum(accs, g.n)
}

func sumPer[T int64 | float64](g *groups, x []T, valid []byte) []T {
	accs := perChunk(len(g.ids), func() []T { return make([]T, g.n) }, func(acc []T, lo, hi int) {
		ids, xs := g.ids[lo:hi], x[lo:hi]
		if valid == nil {
			for j, id := range ids {
				acc[id] += xs[j]
			}
			return
		}
		for j, id := range ids {
			if isValid(valid, lo+j) {
				acc[id] += xs[j]
			}
		}
	})
	return mergeSum(accs, g.n)
}

func mergeSum[T int64 | float64](accs [][]T, n int) []T {
	if len(accs) == 0 {
		return make([]T, n)
	}
	out := accs[0]
	for _, a := range accs[1:] {
		for i, v := range a {
			out[i] += v
		}
	}
	return out
}

// welford holds per-group running moments (Welford's method, merged with
// Chan's formula): stable for values far from zero, such as Julian Dates.
// welford holds per-group counts, means and sums of squared deviations.
type welford struct {
	n, mean, m2 []float64
}

// welfordPer accumulates x's moments per group, skipping nulls and NaNs.
func welfordPer(g *groups, x []float64, valid []byte) welford {
	accs := perChunk(len(g.ids), func() welford {
		return welford{make([]float64, g.n), make([]float64, g.n), make([]float64, g.n)}
	}, func(w welford, lo, hi int) {
		for i := lo; i < hi; i++ {
			if !isValid(valid, i) || x[i] != x[i] {
				continue
			}
			id := g.ids[i]
			w.n[id]++
			d := x[i] - w.mean[id]
			w.mean[id] += d / w.n[id]
			w.m2[id] += d * (x[i] - w.mean[id])
		}
	})
	w := accs[0]
	for _, b := range accs[1:] {
		for i := range w.n {
			if b.n[i] == 0 {
				continue
			}
			n := w.n[i] + b.n[i]
			d := b.mean[i] - w.mean[i]
			w.m2[i] += b.m2[i] + d*d*w.n[i]*b.n[i]/n
			w.mean[i] += d * b.n[i] / n
			w.n[i] = n
		}
	}
	return w
}

func moments(op string, g *groups, x []float64, valid []byte) arrow.Array {
	w := welfordPer(g, x, valid)
	out := make([]float64, g.n)
	valid2 := allValid(g.n)
	nulls := 0
	for i := range out {
		switch op {
		case "mean":
			out[i] = w.mean[i]
			if w.n[i] == 0 {
				valid2[i>>3] &^= 1 << (i & 7)
				nulls++
			}
		case "var", "std":
			if w.n[i] < 2 {
				valid2[i>>3] &^= 1 << (i & 7)
				nulls++
				continue
			}
			out[i] = w.m2[i] / (w.n[i] - 1)
			if op == "std" {
				out[i] = math.Sqrt(out[i])
			}
		}
	}
	if nulls == 0 {
		valid2 = nil
	}
	return numArray(arrow.PrimitiveTypes.Float64, out, valid2)
}

// extreme finds the row of the min or max value of each group and takes it,
// which keeps the column's type.
func extreme(isMin bool, g *groups, c arrow.Array, valid []byte) (arrow.Array, error) {
	best := make([]int32, g.n)
	for i := range best {
		best[i] = -1
	}
	better := func(i, j int) bool { return false }
	switch kindOf(c.DataType()) {
	case kString:
		s, err := stringsOf(c)
		if err != nil {
			return nil, err
		}
		better = func(i, j int) bool { return s[i] < s[j] == isMin && s[i] != s[j] }
	case kFloat:
		x, err := f64s(val{a: c})
		if err != nil {
			return nil, err
		}
		better = func(i, j int) bool {
			if x[i] != x[i] {
				return false
			}
			return (x[i] < x[j] == isMin && x[i] != x[j]) || x[j] != x[j]
		}
	case kNull:
		return array.MakeArrayOfNull(mem, c.DataType(), g.n), nil
	default:
		ks, err := sortKeys(c)
		if err != nil {
			return nil, err
		}
		better = func(i, j int) bool { return ks[i] < ks[j] == isMin && ks[i] != ks[j] }
	}
	for i, id := range g.ids {
		if !isValid(valid, i) {
			continue
		}
		if b := best[id]; b < 0 || better(i, int(b)) {
			best[id] = int32(i)
		}
	}
	return takeArray(c, best)
}

func countDistinct(g *groups, c arrow.Array) (arrow.Array, error) {
	vg, err := groupColumn(c)
	if err != nil {
		return nil, err
	}
	nullID := int32(-1)
	if c.NullN() > 0 {
		for i := 0; i < c.Len(); i++ {
			if c.IsNull(i) {
				nullID = vg.ids[i]
				break
			}
		}
	}
	pair := make([]int64, len(g.ids))
	for i, id := range g.ids {
		pair[i] = int64(id)<<32 | int64(vg.ids[i])
	}
	pg := groupInts(pair, nil)
	out := make([]int64, g.n)
	for _, r := range pg.first {
		if vg.ids[r] != nullID {
			out[g.ids[r]]++
		}
	}
	return numArray(arrow.PrimitiveTypes.Int64, out, nil), nil
}

// byGroup returns the rows ordered by group (stably), with each group's
// start offset: a counting sort on group ids.
func byGroup(g *groups, rows []int32) ([]int32, []int64) {
	off := make([]int64, g.n+1)
	for _, r := range rows {
		off[g.ids[r]+1]++
	}
	for i := 1; i <= g.n; i++ {
		off[i] += off[i-1]
	}
	pos := append([]int64(nil), off[:g.n]...)
	out := make([]int32, len(rows))
	for _, r := range rows {
		id := g.ids[r]
		out[pos[id]] = r
		pos[id]++
	}
	return out, off
}

func quantiles(g *groups, c arrow.Array, valid []byte, q float64) (arrow.Array, error) {
	if k := kindOf(c.DataType()); k != kInt && k != kFloat {
		return nil, fmt.Errorf("quantile needs numbers, got %s", c.DataType())
	}
	x, err := f64s(val{a: c})
	if err != nil {
		return nil, err
	}
	rows := make([]int32, 0, len(x))
	for i := range x {
		if isValid(valid, i) && x[i] == x[i] {
			rows = append(rows, int32(i))
		}
	}
	ks := make([]uint64, len(x))
	for i, v := range x {
		ks[i] = floatKey(v)
	}
	rows = radixPerm(rows, ks)
	rows, off := byGroup(g, rows)
	out := make([]float64, g.n)
	valid2 := allValid(g.n)
	nulls := 0
	for i := 0; i < g.n; i++ {
		vs := rows[off[i]:off[i+1]]
		if len(vs) == 0 {
			valid2[i>>3] &^= 1 << (i & 7)
			nulls++
			continue
		}
		pos := q * float64(len(vs)-1)
		lo := int(math.Floor(pos))
		hi := min(lo+1, len(vs)-1)
		out[i] = x[vs[lo]] + (pos-float64(lo))*(x[vs[hi]]-x[vs[lo]])
	}
	if nulls == 0 {
		valid2 = nil
	}
	return numArray(arrow.PrimitiveTypes.Float64, out, valid2), nil
}

func listPer(g *groups, c arrow.Array) (arrow.Array, error) {
	rows := make([]int32, c.Len())
	for i := range rows {
		rows[i] = int32(i)
	}
	rows, off := byGroup(g, rows)
	values, err := takeArray(c, rows)
	if err != nil {
		return nil, err
	}
	offs := make([]int32, len(off))
	for i, o := range off {
		offs[i] = int32(o)
	}
	d := array.NewData(arrow.ListOf(c.DataType()), g.n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(offs))}, []arrow.ArrayData{values.Data()}, 0, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

// Unique keeps the first row of each distinct combination of the columns
// (all columns when none are named), in order.
func (f Frame) Unique(cols ...string) Frame {
	return f.derive(func(in node) (node, error) {
		for _, c := range cols {
			if in.Schema().FieldIndices(c) == nil {
				return nil, fmt.Errorf("Unique: %w", unknownColumn(c, in.Schema()))
			}
		}
		return &uniqueNode{in: in, cols: cols}, nil
	})
}

type uniqueNode struct {
	in   node
	cols []string
}

func (u *uniqueNode) Schema() *arrow.Schema { return u.in.Schema() }
func (u *uniqueNode) String() string        { return "Unique " + strings.Join(u.cols, ", ") }
func (u *uniqueNode) inputs() []node        { return []node{u.in} }
func (u *uniqueNode) withInputs(ins []node) node {
	c := *u
	c.in = ins[0]
	return &c
}
func (u *uniqueNode) run(ins []*table) (*table, error) {
	t := ins[0]
	cols := u.cols
	if len(cols) == 0 {
		for _, f := range t.schema.Fields() {
			cols = append(cols, f.Name)
		}
	}
	if t.n == 0 {
		return t, nil
	}
	g, err := groupRows(t, cols)
	if err != nil {
		return nil, err
	}
	first := slices.Clone(g.first)
	slices.Sort(first)
	return takeTable(t, first)
}
