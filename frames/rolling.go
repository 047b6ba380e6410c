package frames

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
)

// A RollingSpec is a moving window over the rows of a Frame: the last Rows
// rows, or the rows whose On time lies in (t - Period, t] for each row's
// time t; per group of the By columns when given.
type RollingSpec struct {
	Rows   int           // the last Rows rows, this one included
	On     string        // with Period: a timestamp column
	Period time.Duration // with On: how far back the window reaches
	By     []string      // separate windows per group
}

// Rolled is a Frame with a rolling window; Agg computes over it.
type Rolled struct {
	f    Frame
	spec RollingSpec
}

// Rolling opens a moving window (SQL's OVER (ROWS/RANGE BETWEEN ...
// PRECEDING AND CURRENT ROW), pandas' rolling). Rows are taken in their
// order, or in On order with a Period, where rows of the same time are in
// each other's windows.
func (f Frame) Rolling(spec RollingSpec) Rolled { return Rolled{f: f, spec: spec} }

// Agg adds, to every row, aggregations over its window: Count, Sum, Mean,
// Min, Max, Std or Var of a column (named like GroupBy's: mag_mean).
// Nulls are skipped; the rows keep their order.
func (r Rolled) Agg(aggs ...Expr) Frame {
	return r.f.derive(func(in node) (node, error) { return newRolling(in, r.spec, exprs(aggs)) })
}

var rollingAggs = map[string]bool{"count": true, "sum": true, "mean": true, "min": true, "max": true, "std": true, "var": true}

type rollingNode struct {
	in     node
	spec   RollingSpec
	aggs   []*expr
	schema *arrow.Schema
}

func newRolling(in node, spec RollingSpec, aggs []*expr) (node, error) {
	s := in.Schema()
	switch {
	case spec.Rows > 0 && spec.On != "":
		return nil, fmt.Errorf("Rolling: give Rows, or On with Period, not both")
	case spec.Rows <= 0 && (spec.On == "" || spec.Period <= 0):
		return nil, fmt.Errorf("Rolling: give Rows > 0, or On (a timestamp column) with a positive Period")
	}
	if spec.On != "" {
		i := s.FieldIndices(spec.On)
		if i == nil {
			return nil, fmt.Errorf("Rolling: %w", unknownColumn(spec.On, s))
		}
		if t := s.Field(i[0]).Type; t.ID() != arrow.TIMESTAMP {
			return nil, fmt.Errorf("Rolling: On column %q is %s, not a timestamp", spec.On, t)
		}
	}
	for _, k := range spec.By {
		if s.FieldIndices(k) == nil {
			return nil, fmt.Errorf("Rolling: %w", unknownColumn(k, s))
		}
	}
	if len(aggs) == 0 {
		return nil, fmt.Errorf("Rolling: no aggregations given (e.g. Col(\"mag\").Mean())")
	}
	fields := slices.Clone(s.Fields())
	seen := map[string]bool{}
	for _, f := range fields {
		seen[f.Name] = true
	}
	for _, a := range aggs {
		op, arg, err := splitAgg(a)
		if err != nil {
			return nil, err
		}
		if !rollingAggs[op.op] {
			return nil, fmt.Errorf("Rolling: %s is not a rolling aggregation (Count, Sum, Mean, Min, Max, Std, Var)", a)
		}
		if arg != nil {
			t, err := exprType(arg, s)
			if err != nil {
				return nil, fmt.Errorf("Rolling: %w", err)
			}
			if k := kindOf(t); k != kInt && k != kFloat && k != kNull {
				return nil, fmt.Errorf("Rolling: %s needs numbers, %s is %s", a, arg, t)
			}
		}
		name := a.outName()
		if seen[name] {
			return nil, fmt.Errorf("Rolling: column %q would appear twice (use Alias)", name)
		}
		seen[name] = true
		rt := arrow.DataType(arrow.PrimitiveTypes.Float64)
		if op.op == "count" {
			rt = arrow.PrimitiveTypes.Int64
		}
		fields = append(fields, arrow.Field{Name: name, Type: rt, Nullable: true})
	}
	return &rollingNode{in: in, spec: spec, aggs: aggs, schema: arrow.NewSchema(fields, nil)}, nil
}

func (n *rollingNode) Schema() *arrow.Schema { return n.schema }
func (n *rollingNode) String() string {
	parts := make([]string, len(n.aggs))
	for i, a := range n.aggs {
		parts[i] = a.String()
	}
	w := fmt.Sprintf("%d rows", n.spec.Rows)
	if n.spec.On != "" {
		w = fmt.Sprintf("%s over %s", n.spec.Period, n.spec.On)
	}
	by := ""
	if len(n.spec.By) > 0 {
		by = " by " + strings.Join(n.spec.By, ", ")
	}
	return fmt.Sprintf("Rolling %s%s Aggregate %s", w, by, strings.Join(parts, ", "))
}
func (n *rollingNode) inputs() []node { return []node{n.in} }
func (n *rollingNode) withInputs(ins []node) node {
	c := *n
	c.in = ins[0]
	return &c
}

// run orders the rows by group (and time), finds each row's window start
// with a moving pointer, and folds each aggregation over the windows in one
// pass: prefix sums for sums and moments, a monotonic queue for min/max.
func (n *rollingNode) run(ins []*table) (*table, error) {
	t := ins[0]
	g, err := groupRows(t, n.spec.By)
	if err != nil {
		return nil, err
	}
	order := make([]int32, t.n)
	for i := range order {
		order[i] = int32(i)
	}
	var ts []int64
	var tvalid []byte
	if n.spec.On != "" {
		c := t.col(n.spec.On)
		if ts, err = i64s(val{a: c}); err != nil {
			return nil, err
		}
		tvalid = validity(c)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		if c := int(g.ids[a]) - int(g.ids[b]); c != 0 {
			return c
		}
		if ts != nil {
			return cmp.Compare(ts[a], ts[b])
		}
		return 0
	})
	// lo[k]: the first position (in order) of row order[k]'s window.
	lo := make([]int, t.n)
	period := int64(0)
	if n.spec.On != "" {
		period = int64(n.spec.Period / unit(t.col(n.spec.On).DataType()))
	}
	start := 0
	for k := range order {
		if k > 0 && g.ids[order[k]] != g.ids[order[k-1]] {
			start = k
		}
		if n.spec.Rows > 0 {
			lo[k] = max(start, k-n.spec.Rows+1)
			continue
		}
		if !isValid(tvalid, int(order[k])) {
			lo[k] = k // no time: a window of itself
			continue
		}
		l := max(start, lo[max(k-1, 0)])
		if k == start {
			l = start
		}
		for l < k && (!isValid(tvalid, int(order[l])) || ts[order[l]] <= ts[order[k]]-period) {
			l++
		}
		lo[k] = l
	}
	// hi[k]: the last position of the window: the row itself, or with a
	// Period its last peer (same group, same time), as SQL's RANGE has it,
	// so the result does not depend on the order of equal times.
	hi := make([]int, t.n)
	for k := t.n - 1; k >= 0; k-- {
		hi[k] = k
		if n.spec.On != "" && k+1 < t.n && g.ids[order[k+1]] == g.ids[order[k]] &&
			isValid(tvalid, int(order[k])) && isValid(tvalid, int(order[k+1])) && ts[order[k+1]] == ts[order[k]] {
			hi[k] = hi[k+1]
		}
	}
	out := &table{schema: n.schema, cols: slices.Clone(t.cols), n: t.n}
	for _, a := range n.aggs {
		col, err := n.fold(a, t, order, lo, hi)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		out.cols = append(out.cols, col)
	}
	return out, nil
}

func (n *rollingNode) fold(a *expr, t *table, order []int32, lo, hi []int) (arrow.Array, error) {
	op, arg, _ := splitAgg(a)
	m := len(order)
	x := make([]float64, m) // values in order; NaN for null
	for k := range x {
		x[k] = math.NaN()
	}
	if arg != nil {
		c, err := evalColumn(arg, t)
		if err != nil {
			return nil, err
		}
		if kindOf(c.DataType()) != kNull {
			v, err := f64s(val{a: c})
			if err != nil {
				return nil, err
			}
			valid := validity(c)
			for k, i := range order {
				if isValid(valid, int(i)) {
					x[k] = v[i]
				}
			}
		}
	} else {
		for k := range x {
			x[k] = 0 // Count(): every row
		}
	}
	// Prefix counts, sums and sums of squares around a shift (the first
	// value), which keeps variances of large numbers (Julian dates) exact
	// enough.
	shift := 0.0
	for _, v := range x {
		if !math.IsNaN(v) {
			shift = v
			break
		}
	}
	cnt := make([]int64, m+1)
	sum := make([]float64, m+1)
	sq := make([]float64, m+1)
	for k, v := range x {
		cnt[k+1], sum[k+1], sq[k+1] = cnt[k], sum[k], sq[k]
		if !math.IsNaN(v) {
			d := v - shift
			cnt[k+1]++
			sum[k+1] += d
			sq[k+1] += d * d
		}
	}
	res := make([]float64, m)
	ok := make([]bool, m)
	counts := make([]int64, m)
	switch op.op {
	case "min", "max":
		// A queue of positions with values in order (increasing for min):
		// its head is the window's extreme.
		var q []int
		less := func(a, b float64) bool { return a < b }
		if op.op == "max" {
			less = func(a, b float64) bool { return a > b }
		}
		head, next := 0, 0
		for k := range x {
			// Positions only grow, so what left the window (an earlier
			// group's rows too) is at the head.
			for ; next <= hi[k]; next++ {
				if v := x[next]; !math.IsNaN(v) {
					for len(q) > head && !less(x[q[len(q)-1]], v) {
						q = q[:len(q)-1]
					}
					q = append(q, next)
				}
			}
			for head < len(q) && q[head] < lo[k] {
				head++
			}
			if head < len(q) {
				res[k], ok[k] = x[q[head]], true
			}
		}
	default:
		for k := range x {
			c := cnt[hi[k]+1] - cnt[lo[k]]
			s := sum[hi[k]+1] - sum[lo[k]]
			counts[k] = c
			switch op.op {
			case "sum":
				res[k], ok[k] = s+float64(c)*shift, true
			case "mean":
				res[k], ok[k] = s/float64(c)+shift, c > 0
			case "var", "std":
				if c >= 2 {
					mean := s / float64(c)
					v := (sq[hi[k]+1] - sq[lo[k]] - float64(c)*mean*mean) / float64(c-1)
					v = math.Max(v, 0)
					if op.op == "std" {
						v = math.Sqrt(v)
					}
					res[k], ok[k] = v, true
				}
			}
		}
	}
	// Back to the rows' own order.
	if op.op == "count" {
		outN := make([]int64, m)
		for k, i := range order {
			outN[i] = counts[k]
		}
		return numArray(arrow.PrimitiveTypes.Int64, outN, nil), nil
	}
	outV := make([]float64, m)
	valid := allValid(m)
	nulls := 0
	for k, i := range order {
		outV[i] = res[k]
		if !ok[k] {
			valid[i>>3] &^= 1 << (i & 7)
			nulls++
		}
	}
	if nulls == 0 {
		valid = nil
	}
	return numArray(arrow.PrimitiveTypes.Float64, outV, valid), nil
}
