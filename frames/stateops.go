package frames

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

func newStateOp(c *compiled, s *stream) (stateOp, error) {
	switch op := c.op.(type) {
	case *aggNode:
		if c.kind == "sessions" {
			leaf := &leafNode{schema: c.batch.Schema(), name: "open sessions"}
			return &sessionOp{win: c.win.withInputs([]node{leaf}).(*windowNode), leaf: leaf, agg: op,
				gap: int64(c.win.w.slide), lateness: int64(s.lateness), mode: s.mode, keep: s.keep, open: emptyTable(leaf.schema)}, nil
		}
		return newAggOp(op, c.win, s)
	case *limitNode, *topKPerKey, *uniqueNode:
		// The result of these over (what they kept so far + a batch) is
		// their result over everything.
		leaf := &leafNode{schema: c.batch.Schema(), name: "kept rows and batch"}
		return &topkOp{plan: replaceNode(op, c.batch, leaf), leaf: leaf, keep: s.keep}, nil
	}
	return &rowsOp{schema: c.batch.Schema(), keep: s.keep}, nil
}

// rowsOp keeps the newest rows of a pipeline without aggregation.
type rowsOp struct {
	schema *arrow.Schema
	keep   int
	rows   rowsKept
}

func (r *rowsOp) add(t *table, _ int64, changes bool) (*table, *table, error) {
	r.rows.add(t, r.keep)
	if changes {
		return nil, withOp(t, "+I"), nil
	}
	return nil, nil, nil
}

func (r *rowsOp) advance(int64) (*table, error) { return nil, nil }
func (r *rowsOp) result() (*table, error)       { return r.rows.table(r.schema) }
func (r *rowsOp) size() int                     { return r.rows.n }

// topkOp keeps the best rows so far: the top k of (the top k so far plus
// the batch) is the top k of everything; so for top k per key, and for
// distinct rows.
type topkOp struct {
	plan  node // the step, over leaf
	leaf  *leafNode
	state *table
	keep  int
}

func (k *topkOp) add(t *table, _ int64, changes bool) (*table, *table, error) {
	parts := []*table{t}
	if k.state != nil {
		parts = []*table{k.state, t}
	}
	all, err := concatTables(t.schema, parts)
	if err != nil {
		return nil, nil, err
	}
	next, err := runOver(k.plan, k.leaf, all)
	if err != nil {
		return nil, nil, err
	}
	var ch *table
	if changes {
		if ch, err = rowDiff(k.state, next); err != nil {
			return nil, nil, err
		}
	}
	k.state = next
	return nil, ch, nil
}

func (k *topkOp) advance(int64) (*table, error) { return nil, nil }
func (k *topkOp) result() (*table, error) {
	if k.state == nil {
		return emptyTable(k.plan.Schema()), nil
	}
	return k.state, nil
}
func (k *topkOp) size() int {
	if k.state == nil {
		return 0
	}
	return k.state.n
}

// rowDiff is the change from old to next as -D and +I rows, rows compared
// whole.
func rowDiff(old, next *table) (*table, error) {
	count := map[string]int{}
	if old != nil {
		for i := range old.n {
			count[rowKey(old.cols, i)]++
		}
	}
	var add []int32
	for i := range next.n {
		k := rowKey(next.cols, i)
		if count[k] > 0 {
			count[k]--
			continue
		}
		add = append(add, int32(i))
	}
	var del []int32
	if old != nil {
		for i := range old.n {
			k := rowKey(old.cols, i)
			if count[k] > 0 {
				count[k]--
				del = append(del, int32(i))
			}
		}
	}
	var parts []*table
	if len(del) > 0 {
		d, err := takeTable(old, del)
		if err != nil {
			return nil, err
		}
		parts = append(parts, withOp(d, "-D"))
	}
	if len(add) > 0 {
		a, err := takeTable(next, add)
		if err != nil {
			return nil, err
		}
		parts = append(parts, withOp(a, "+I"))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return concatTables(parts[0].schema, parts)
}

// rowKey encodes row i of cols so that equal rows, and only they, have
// equal keys.
func rowKey(cols []arrow.Array, i int) string {
	var b []byte
	for _, c := range cols {
		if c.IsNull(i) {
			b = append(b, '-')
			continue
		}
		s := fmt.Sprint(goValue(c, i))
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	return string(b)
}

// aggOp aggregates incrementally: each batch is aggregated per group with
// the batch kernels, and the partial results are merged into one slot of
// state per group (per window and keys).
type aggOp struct {
	node     *aggNode
	parts    []*aggPart
	keys     *table // key values, one row per slot
	newKeys  []*table
	keySch   *arrow.Schema
	slots    map[string]int32
	enc      []string // slot -> its key
	live     []bool
	nlive    int
	ends     []int64 // windowed: when each slot's window ends (ns)
	win      *windowNode
	lateness int64
	mode     Mode
	closed   rowsKept // final rows of closed windows
	keep     int
	quiet    bool // the one group of a whole-stream aggregation is not yet announced
	// groupKeys are the keys rows are grouped by: window_end goes when
	// window_start determines it.
	groupKeys []string
}

// groupTable is t for grouping: window starts as small window numbers,
// which group by direct lookup instead of hashing.
func (a *aggOp) groupTable(t *table) *table {
	if a.win == nil {
		return t
	}
	i := t.schema.FieldIndices(WindowStart)
	if i == nil {
		return t
	}
	c := t.cols[i[0]]
	step := int64(a.win.w.slide / unit(c.DataType()))
	if step <= 0 || c.DataType().ID() != arrow.TIMESTAMP {
		return t
	}
	v, err := i64s(val{a: c})
	if err != nil {
		return t
	}
	idx := make([]int64, len(v))
	for j, x := range v {
		idx[j] = floorTo(x, step) / step
	}
	fields := slices.Clone(t.schema.Fields())
	fields[i[0]].Type = arrow.PrimitiveTypes.Int64
	cols := slices.Clone(t.cols)
	cols[i[0]] = numArray(arrow.PrimitiveTypes.Int64, idx, validity(c))
	return &table{schema: arrow.NewSchema(fields, nil), cols: cols, n: t.n}
}

type aggPart struct {
	op, name string
	arg      *expr
	typ      arrow.DataType // result
	k        kind           // of the argument
	cnt      []int64
	isum     []int64
	fsum     []float64
	n, mean  []float64 // moments
	m2       []float64
	ei       []int64 // extremes
	ef       []float64
	es       []string
	has      []bool
	sets     []map[string]bool // count-distinct: the values seen per slot
	vals     [][]float64       // quantiles: the values per slot
	q        float64
}

func newAggOp(n *aggNode, win *windowNode, s *stream) (*aggOp, error) {
	a := &aggOp{node: n, slots: map[string]int32{}, win: win, lateness: int64(s.lateness), mode: s.mode, keep: s.keep, groupKeys: n.keys}
	if win != nil && win.w.kind != "cumulative" && hasKey(n.keys, WindowStart) && hasKey(n.keys, WindowEnd) {
		a.groupKeys = slices.DeleteFunc(slices.Clone(n.keys), func(k string) bool { return k == WindowEnd })
	}
	var kf []arrow.Field
	for i := range n.keys {
		kf = append(kf, n.schema.Field(i))
	}
	a.keySch = arrow.NewSchema(kf, nil)
	a.keys = emptyTable(a.keySch)
	for i, e := range n.aggs {
		op, arg, err := splitAgg(e)
		if err != nil {
			return nil, err
		}
		p := &aggPart{op: op.op, arg: arg, typ: n.schema.Field(len(n.keys) + i).Type, name: n.schema.Field(len(n.keys) + i).Name, q: op.num}
		if op.op == "median" {
			p.op, p.q = "quantile", 0.5
		}
		if arg == nil {
			p.op = "count0"
		} else {
			t, err := exprType(arg, n.in.Schema())
			if err != nil {
				return nil, err
			}
			p.k = kindOf(t)
		}
		a.parts = append(a.parts, p)
	}
	if len(n.keys) == 0 {
		// One group, there from the start: the aggregate of no rows is a row.
		a.keys = &table{schema: a.keySch, n: 1}
		a.slots[""] = 0
		a.enc, a.live, a.nlive = []string{""}, []bool{true}, 1
		a.quiet = true
		a.grow(1)
	}
	return a, nil
}

func (a *aggOp) size() int { return a.nlive }

// rowEnds gives, per row of t, when its window ends (ns).
func (a *aggOp) rowEnds(t *table) ([]int64, error) {
	col, plus := WindowEnd, int64(0)
	if t.col(WindowEnd) == nil || !hasKey(a.node.keys, WindowEnd) {
		col, plus = WindowStart, int64(a.win.w.size)
	}
	c := t.col(col)
	if c == nil {
		return nil, fmt.Errorf("the window column %q is gone before the aggregation", col)
	}
	out, _, err := nanosOf(c)
	for i := range out {
		out[i] += plus
	}
	return out, err
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func (a *aggOp) add(t *table, wm int64, changes bool) (*table, *table, error) {
	var late *table
	if a.win != nil && wm != math.MinInt64 && t.n > 0 {
		ends, err := a.rowEnds(t)
		if err != nil {
			return nil, nil, err
		}
		var keep, drop []int32
		for i, e := range ends {
			if e+a.lateness <= wm {
				drop = append(drop, int32(i))
			} else {
				keep = append(keep, int32(i))
			}
		}
		if len(drop) > 0 {
			if late, err = takeTable(t, drop); err != nil {
				return nil, nil, err
			}
			if t, err = takeTable(t, keep); err != nil {
				return nil, nil, err
			}
		}
	}
	if t.n == 0 {
		return late, nil, nil
	}
	g, err := groupRows(a.groupTable(t), a.groupKeys)
	if err != nil {
		return nil, nil, err
	}
	kcols := make([]arrow.Array, len(a.node.keys))
	for i, k := range a.node.keys {
		kcols[i] = t.col(k)
	}
	kt, err := takeTable(&table{schema: a.keySch, cols: kcols, n: t.n}, g.first)
	if err != nil {
		return nil, nil, err
	}
	slot := make([]int32, g.n)
	var fresh []int32 // groups that are new slots
	var touched []int32
	for j := range g.n {
		k := rowKey(kt.cols, j)
		s, ok := a.slots[k]
		if !ok || !a.live[s] {
			s = int32(len(a.enc))
			a.slots[k] = s
			a.enc = append(a.enc, k)
			a.live = append(a.live, true)
			a.nlive++
			fresh = append(fresh, int32(j))
		} else if a.quiet {
			a.quiet = false
			fresh = append(fresh, int32(j))
		} else if changes {
			touched = append(touched, s)
		}
		slot[j] = s
	}
	var before *table
	if changes && len(touched) > 0 {
		if before, err = a.rows(touched); err != nil {
			return nil, nil, err
		}
	}
	if len(fresh) > 0 && len(a.node.keys) > 0 {
		nk, err := takeTable(kt, fresh)
		if err != nil {
			return nil, nil, err
		}
		a.newKeys = append(a.newKeys, nk)
		if a.win != nil {
			ends, err := a.rowEnds(nk)
			if err != nil {
				return nil, nil, err
			}
			a.ends = append(a.ends, ends...)
		}
		a.grow(len(a.enc))
	}
	for _, p := range a.parts {
		if err := p.merge(t, g, slot); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.name, err)
		}
	}
	if !changes {
		return late, nil, nil
	}
	var parts []*table
	if before != nil {
		after, err := a.rows(touched)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, withOp(before, "-U"), withOp(after, "+U"))
	}
	if len(fresh) > 0 {
		ins := make([]int32, len(fresh))
		for i, j := range fresh {
			ins[i] = slot[j]
		}
		r, err := a.rows(ins)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, withOp(r, "+I"))
	}
	ch, err := concatTables(parts[0].schema, parts)
	return late, ch, err
}

func (a *aggOp) grow(n int) {
	for _, p := range a.parts {
		p.grow(n)
	}
}

func (p *aggPart) grow(n int) {
	ext := func(s []int64) []int64 { return append(s, make([]int64, n-len(s))...) }
	extF := func(s []float64) []float64 { return append(s, make([]float64, n-len(s))...) }
	switch p.op {
	case "count0", "count":
		p.cnt = ext(p.cnt)
	case "sum":
		if p.k == kInt || p.k == kDuration {
			p.isum = ext(p.isum)
		} else {
			p.fsum = extF(p.fsum)
		}
	case "mean", "std", "var":
		p.n, p.mean, p.m2 = extF(p.n), extF(p.mean), extF(p.m2)
	case "countdistinct":
		p.sets = append(p.sets, make([]map[string]bool, n-len(p.sets))...)
		for i, m := range p.sets {
			if m == nil { // new, or empty when restored
				p.sets[i] = map[string]bool{}
			}
		}
	case "quantile":
		p.vals = append(p.vals, make([][]float64, n-len(p.vals))...)
	case "min", "max":
		p.has = append(p.has, make([]bool, n-len(p.has))...)
		switch p.k {
		case kFloat:
			p.ef = extF(p.ef)
		case kString:
			p.es = append(p.es, make([]string, n-len(p.es))...)
		default:
			p.ei = ext(p.ei)
		}
	}
}

// merge folds a batch's per-group partial aggregates into the slots.
func (p *aggPart) merge(t *table, g *groups, slot []int32) error {
	if p.op == "count0" {
		for j, c := range countPer(g, nil) {
			p.cnt[slot[j]] += c
		}
		return nil
	}
	c, err := evalColumn(p.arg, t)
	if err != nil {
		return err
	}
	var valid []byte
	if c.NullN() > 0 {
		valid = validity(c)
	}
	switch p.op {
	case "count":
		for j, n := range countPer(g, valid) {
			p.cnt[slot[j]] += n
		}
	case "sum":
		if p.k == kNull {
			return nil
		}
		if p.k == kInt || p.k == kDuration {
			x, err := i64s(val{a: c})
			if err != nil {
				return err
			}
			for j, s := range sumPer(g, x, valid) {
				p.isum[slot[j]] += s
			}
			return nil
		}
		x, err := f64s(val{a: c})
		if err != nil {
			return err
		}
		for j, s := range sumPer(g, x, valid) {
			p.fsum[slot[j]] += s
		}
	case "mean", "std", "var":
		if p.k == kNull {
			return nil
		}
		x, err := f64s(val{a: c})
		if err != nil {
			return err
		}
		w := welfordPer(g, x, valid)
		for j := range g.n {
			if w.n[j] == 0 {
				continue
			}
			s := slot[j]
			n := p.n[s] + w.n[j]
			d := w.mean[j] - p.mean[s]
			p.m2[s] += w.m2[j] + d*d*p.n[s]*w.n[j]/n
			p.mean[s] += d * w.n[j] / n
			p.n[s] = n
		}
	case "countdistinct":
		for i := range t.n {
			if isValid(valid, i) {
				p.sets[slot[g.ids[i]]][valueKey(c, i)] = true
			}
		}
	case "quantile":
		if p.k == kNull {
			return nil
		}
		x, err := f64s(val{a: c})
		if err != nil {
			return err
		}
		for i, v := range x {
			if isValid(valid, i) && v == v {
				s := slot[g.ids[i]]
				p.vals[s] = append(p.vals[s], v)
			}
		}
	case "min", "max":
		ex, err := extreme(p.op == "min", g, c, valid)
		if err != nil {
			return err
		}
		isMin := p.op == "min"
		switch p.k {
		case kFloat:
			x, err := f64s(val{a: ex})
			if err != nil {
				return err
			}
			foldBest(isMin, x, ex, slot, p.ef, p.has)
		case kString:
			x, err := stringsOf(ex)
			if err != nil {
				return err
			}
			foldBest(isMin, x, ex, slot, p.es, p.has)
		case kNull:
		default:
			x, err := i64s(val{a: ex})
			if err != nil {
				return err
			}
			foldBest(isMin, x, ex, slot, p.ei, p.has)
		}
	}
	return nil
}

// foldBest keeps, per slot, the better of its value and the batch group's
// (x[j], null where ex is).
func foldBest[T int64 | float64 | string](isMin bool, x []T, ex arrow.Array, slot []int32, best []T, has []bool) {
	for j, v := range x {
		if s := slot[j]; ex.IsValid(j) && (!has[s] || better(isMin, v, best[s])) {
			best[s], has[s] = v, true
		}
	}
}

// better reports whether v beats cur as a min (or max); NaN never wins,
// as in the batch kernels.
func better[T int64 | float64 | string](isMin bool, v, cur T) bool {
	if v != v {
		return false
	}
	if cur != cur {
		return true
	}
	if isMin {
		return v < cur
	}
	return v > cur
}

// rows builds the result rows of the given slots.
func (a *aggOp) rows(slots []int32) (*table, error) {
	if len(a.newKeys) > 0 {
		k, err := concatTables(a.keySch, append([]*table{a.keys}, a.newKeys...))
		if err != nil {
			return nil, err
		}
		a.keys, a.newKeys = k, nil
	}
	out, err := takeTable(a.keys, slots)
	if err != nil {
		return nil, err
	}
	out.schema = a.node.schema
	for _, p := range a.parts {
		c, err := p.build(slots)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		out.cols = append(out.cols, c)
	}
	return out, nil
}

func (p *aggPart) build(slots []int32) (arrow.Array, error) {
	n := len(slots)
	switch p.op {
	case "count0", "count":
		return numArray(arrow.PrimitiveTypes.Int64, gather(p.cnt, slots), nil), nil
	case "sum":
		if p.k == kInt || p.k == kDuration {
			return numArray(p.typ, gather(p.isum, slots), nil), nil
		}
		if p.k == kNull {
			return numArray(arrow.PrimitiveTypes.Float64, make([]float64, n), nil), nil
		}
		return numArray(arrow.PrimitiveTypes.Float64, gather(p.fsum, slots), nil), nil
	case "mean", "std", "var":
		out := make([]float64, n)
		valid := allValid(n)
		nulls := 0
		for i, s := range slots {
			ok := p.n != nil && p.n[s] > 0
			switch p.op {
			case "mean":
				if ok {
					out[i] = p.mean[s]
				}
			default:
				ok = ok && p.n[s] >= 2
				if ok {
					out[i] = p.m2[s] / (p.n[s] - 1)
					if p.op == "std" {
						out[i] = math.Sqrt(out[i])
					}
				}
			}
			if !ok {
				valid[i>>3] &^= 1 << (i & 7)
				nulls++
			}
		}
		if nulls == 0 {
			valid = nil
		}
		return numArray(arrow.PrimitiveTypes.Float64, out, valid), nil
	case "countdistinct":
		out := make([]int64, n)
		for i, s := range slots {
			out[i] = int64(len(p.sets[s]))
		}
		return numArray(arrow.PrimitiveTypes.Int64, out, nil), nil
	case "quantile":
		out := make([]float64, n)
		valid := allValid(n)
		nulls := 0
		for i, s := range slots {
			vs := p.vals[s]
			if len(vs) == 0 {
				valid[i>>3] &^= 1 << (i & 7)
				nulls++
				continue
			}
			slices.Sort(vs) // in place: later values append to sorted ones
			pos := p.q * float64(len(vs)-1)
			lo := int(math.Floor(pos))
			hi := min(lo+1, len(vs)-1)
			out[i] = vs[lo] + (pos-float64(lo))*(vs[hi]-vs[lo])
		}
		if nulls == 0 {
			valid = nil
		}
		return numArray(arrow.PrimitiveTypes.Float64, out, valid), nil
	case "min", "max":
		valid := allValid(n)
		nulls := 0
		for i, s := range slots {
			if p.has == nil || !p.has[s] {
				valid[i>>3] &^= 1 << (i & 7)
				nulls++
			}
		}
		if nulls == 0 {
			valid = nil
		}
		switch p.k {
		case kNull:
			return array.MakeArrayOfNull(mem, p.typ, n), nil
		case kFloat:
			return castTo(numArray(arrow.PrimitiveTypes.Float64, gather(p.ef, slots), valid), p.typ)
		case kString:
			b := array.NewStringBuilder(mem)
			for i, s := range slots {
				if isValid(valid, i) {
					b.Append(p.es[s])
				} else {
					b.AppendNull()
				}
			}
			return b.NewArray(), nil
		case kInt:
			return castTo(numArray(arrow.PrimitiveTypes.Int64, gather(p.ei, slots), valid), p.typ)
		default:
			return numArray(p.typ, gather(p.ei, slots), valid), nil
		}
	}
	return nil, fmt.Errorf("unknown aggregation %q", p.op)
}

// live slots in order.
func (a *aggOp) liveSlots() []int32 {
	out := make([]int32, 0, a.nlive)
	for s, ok := range a.live {
		if ok {
			out = append(out, int32(s))
		}
	}
	return out
}

func (a *aggOp) advance(wm int64) (*table, error) {
	if a.win == nil || wm == math.MinInt64 {
		return nil, nil
	}
	var done []int32
	for s, ok := range a.live {
		if ok && a.ends[s] != math.MaxInt64 && (wm == math.MaxInt64 || a.ends[s]+a.lateness <= wm) {
			done = append(done, int32(s))
		}
	}
	if len(done) == 0 {
		return nil, nil
	}
	final, err := a.rows(done)
	if err != nil {
		return nil, err
	}
	for _, s := range done {
		a.live[s] = false
		delete(a.slots, a.enc[s])
		a.nlive--
	}
	a.closed.add(final, a.keep)
	if len(a.live)-a.nlive > max(1024, a.nlive) {
		if err := a.compact(); err != nil {
			return nil, err
		}
	}
	return final, nil
}

// compact drops the slots of closed windows.
func (a *aggOp) compact() error {
	keep := a.liveSlots()
	if _, err := a.rows(nil); err != nil { // folds newKeys in
		return err
	}
	k, err := takeTable(a.keys, keep)
	if err != nil {
		return err
	}
	a.keys = k
	a.enc = gather(a.enc, keep)
	a.ends = gather(a.ends, keep)
	a.live = make([]bool, len(keep))
	a.slots = make(map[string]int32, len(keep))
	for i, e := range a.enc {
		a.live[i] = true
		a.slots[e] = int32(i)
	}
	for _, p := range a.parts {
		p.compact(keep)
	}
	return nil
}

func (p *aggPart) compact(keep []int32) { p.setSaved(p.saved(keep)) }

// saved is the part's accumulators of the given slots.
func (p *aggPart) saved(slots []int32) partSave {
	return partSave{Cnt: gatherSome(p.cnt, slots), ISum: gatherSome(p.isum, slots), EI: gatherSome(p.ei, slots),
		FSum: gatherSome(p.fsum, slots), N: gatherSome(p.n, slots), Mean: gatherSome(p.mean, slots), M2: gatherSome(p.m2, slots),
		EF: gatherSome(p.ef, slots), ES: gatherSome(p.es, slots), Has: gatherSome(p.has, slots),
		Sets: gatherSome(p.sets, slots), Vals: gatherSome(p.vals, slots)}
}

func (p *aggPart) setSaved(s partSave) {
	p.cnt, p.isum, p.ei, p.fsum, p.n, p.mean, p.m2, p.ef, p.es, p.has, p.sets, p.vals =
		s.Cnt, s.ISum, s.EI, s.FSum, s.N, s.Mean, s.M2, s.EF, s.ES, s.Has, s.Sets, s.Vals
}

// valueKey is value i of c as a map key: equal values, equal keys (floats
// by their order key, so -0 is 0 and every NaN one value, as GroupBy has it).
func valueKey(c arrow.Array, i int) string {
	if f, ok := c.(*array.Float64); ok {
		return strconv.FormatUint(floatKey(f.Value(i)), 36)
	}
	if f, ok := c.(*array.Float32); ok {
		return strconv.FormatUint(floatKey(float64(f.Value(i))), 36)
	}
	return fmt.Sprint(goValue(c, i))
}

// gatherSome is gather that leaves an unused (nil) accumulator nil.
func gatherSome[T any](x []T, idx []int32) []T {
	if x == nil {
		return nil
	}
	return gather(x, idx)
}

func (a *aggOp) result() (*table, error) {
	closed, err := a.closed.table(a.node.schema)
	if err != nil {
		return nil, err
	}
	if a.mode == Append && a.win != nil {
		return closed, nil
	}
	open, err := a.rows(a.liveSlots())
	if err != nil {
		return nil, err
	}
	if closed.n == 0 {
		return open, nil
	}
	return concatTables(a.node.schema, []*table{closed, open})
}
