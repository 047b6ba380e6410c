package frames

import (
	"fmt"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// JoinSpec describes a join for JoinWith.
type JoinSpec struct {
	// How is "inner" (the default), "left", "right", "outer", "semi" (left
	// rows with a match, once each) or "anti" (left rows without one).
	How string
	// On names key columns present in both frames; LeftOn and RightOn name
	// them separately (same count, matched in order).
	On, LeftOn, RightOn []string
	// Suffix renames right columns whose names the left frame already has
	// (default "_right").
	Suffix string
}

// Join keeps pairs of rows whose key columns are equal (an inner join).
// Null keys never match. Rows come in left order, and for each left row its
// matches in right order.
func (f Frame) Join(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{On: on})
}

// LeftJoin keeps every left row, with nulls where no right row matches.
func (f Frame) LeftJoin(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{How: "left", On: on})
}

// RightJoin keeps every right row, with nulls where no left row matches.
func (f Frame) RightJoin(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{How: "right", On: on})
}

// OuterJoin keeps every row of both sides; the key columns are filled from
// whichever side has the row.
func (f Frame) OuterJoin(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{How: "outer", On: on})
}

// SemiJoin keeps the left rows that have a match on the right.
func (f Frame) SemiJoin(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{How: "semi", On: on})
}

// AntiJoin keeps the left rows that have no match on the right.
func (f Frame) AntiJoin(right Frame, on ...string) Frame {
	return f.JoinWith(right, JoinSpec{How: "anti", On: on})
}

// JoinWith joins two frames as the spec says.
func (f Frame) JoinWith(right Frame, spec JoinSpec) Frame {
	if right.f != nil && right.f.err != nil {
		return right
	}
	return f.derive(func(in node) (node, error) { return newJoin(in, right.node(), spec) })
}

type joinNode struct {
	l, r         node
	how          string
	lkeys, rkeys []string
	suffix       string
	schema       *arrow.Schema
	rightOut     []string // right columns in the output
	coalesce     []bool   // per left key: fill from the right (outer)
	keyTypes     []arrow.DataType
}

func newJoin(l, r node, spec JoinSpec) (node, error) {
	j := &joinNode{l: l, r: r, how: spec.How, suffix: spec.Suffix}
	if j.how == "" {
		j.how = "inner"
	}
	switch j.how {
	case "inner", "left", "right", "outer", "semi", "anti":
	default:
		return nil, fmt.Errorf("Join: unknown kind %q (inner, left, right, outer, semi, anti)", spec.How)
	}
	if j.suffix == "" {
		j.suffix = "_right"
	}
	j.lkeys, j.rkeys = spec.LeftOn, spec.RightOn
	if len(spec.On) > 0 {
		j.lkeys, j.rkeys = spec.On, spec.On
	}
	if len(j.lkeys) == 0 || len(j.lkeys) != len(j.rkeys) {
		return nil, fmt.Errorf("Join: give the key columns (On, or LeftOn and RightOn of equal length)")
	}
	ls, rs := l.Schema(), r.Schema()
	for i := range j.lkeys {
		li, ri := ls.FieldIndices(j.lkeys[i]), rs.FieldIndices(j.rkeys[i])
		if li == nil {
			return nil, fmt.Errorf("Join: left side: %w", unknownColumn(j.lkeys[i], ls))
		}
		if ri == nil {
			return nil, fmt.Errorf("Join: right side: %w", unknownColumn(j.rkeys[i], rs))
		}
		lt, rt := ls.Field(li[0]).Type, rs.Field(ri[0]).Type
		kt, err := commonType(lt, rt)
		if err != nil || !sortable(kt) {
			return nil, fmt.Errorf("Join: key %q is %s on the left and %q is %s on the right: they cannot match", j.lkeys[i], lt, j.rkeys[i], rt)
		}
		j.keyTypes = append(j.keyTypes, kt)
	}
	fields := append([]arrow.Field(nil), ls.Fields()...)
	if j.how == "semi" || j.how == "anti" {
		j.schema = arrow.NewSchema(fields, nil)
		return j, nil
	}
	sameKey := map[string]bool{}
	for i := range j.rkeys {
		if j.lkeys[i] == j.rkeys[i] {
			sameKey[j.rkeys[i]] = true
		}
	}
	for _, k := range j.lkeys {
		j.coalesce = append(j.coalesce, (j.how == "outer" || j.how == "right") && sameKey[k])
	}
	have := map[string]bool{}
	for _, fl := range fields {
		have[fl.Name] = true
	}
	for _, fl := range rs.Fields() {
		if sameKey[fl.Name] {
			continue
		}
		j.rightOut = append(j.rightOut, fl.Name)
		name := fl.Name
		if have[name] {
			name += j.suffix
		}
		if have[name] {
			return nil, fmt.Errorf("Join: right column %q would be named %q, which the left side has", fl.Name, name)
		}
		have[name] = true
		fields = append(fields, arrow.Field{Name: name, Type: fl.Type, Nullable: true})
	}
	j.schema = arrow.NewSchema(fields, nil)
	return j, nil
}

func (j *joinNode) Schema() *arrow.Schema { return j.schema }
func (j *joinNode) String() string {
	on := make([]string, len(j.lkeys))
	for i := range j.lkeys {
		on[i] = j.lkeys[i]
		if j.rkeys[i] != j.lkeys[i] {
			on[i] += " = " + j.rkeys[i]
		}
	}
	return fmt.Sprintf("Join %s on %s", j.how, strings.Join(on, ", "))
}
func (j *joinNode) inputs() []node { return []node{j.l, j.r} }
func (j *joinNode) withInputs(ins []node) node {
	c := *j
	c.l, c.r = ins[0], ins[1]
	return &c
}

// keyIDs numbers the key values of both sides in one space: equal keys get
// equal ids; rows with a null key get -1.
func keyIDs(l, r *table, lkeys, rkeys []string, types []arrow.DataType) ([]int32, []int32, error) {
	if len(lkeys) == 1 {
		if k := kindOf(types[0]); (k == kInt || k == kTime || k == kDuration) && types[0].ID() != arrow.UINT64 {
			return intKeyIDs(l.col(lkeys[0]), r.col(rkeys[0]), types[0])
		}
	}
	both := &table{n: l.n + r.n}
	var fields []arrow.Field
	for i := range lkeys {
		lc, err := castTo(l.col(lkeys[i]), types[i])
		if err != nil {
			return nil, nil, err
		}
		rc, err := castTo(r.col(rkeys[i]), types[i])
		if err != nil {
			return nil, nil, err
		}
		c, err := array.Concatenate([]arrow.Array{lc, rc}, mem)
		if err != nil {
			return nil, nil, err
		}
		both.cols = append(both.cols, c)
		fields = append(fields, arrow.Field{Name: fmt.Sprint(i), Type: types[i]})
	}
	both.schema = arrow.NewSchema(fields, nil)
	names := make([]string, len(lkeys))
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	g, err := groupRows(both, names)
	if err != nil {
		return nil, nil, err
	}
	ids := g.ids
	for _, c := range both.cols {
		if c.NullN() == 0 {
			continue
		}
		for i := range ids {
			if c.IsNull(i) {
				ids[i] = -1
			}
		}
	}
	return ids[:l.n], ids[l.n:], nil
}

// intKeyIDs numbers one integer key without copying both sides into one
// column: the right side's keys go into a table, the left side's are looked
// up in parallel (absent keys get -1, as nulls do).
func intKeyIDs(lc, rc arrow.Array, t arrow.DataType) ([]int32, []int32, error) {
	lc, err := castTo(lc, t)
	if err != nil {
		return nil, nil, err
	}
	if rc, err = castTo(rc, t); err != nil {
		return nil, nil, err
	}
	lk, err := i64s(val{a: lc})
	if err != nil {
		return nil, nil, err
	}
	rk, err := i64s(val{a: rc})
	if err != nil {
		return nil, nil, err
	}
	lo, hi := sampleRange(rk)
	h := newIntTable(lo, hi, len(rk))
	rid := make([]int32, len(rk))
	next := int32(0)
	for i, k := range rk {
		if rc.IsNull(i) {
			rid[i] = -1
			continue
		}
		id, isNew := h.id(k, next)
		if isNew {
			next++
		}
		rid[i] = id
	}
	lid := make([]int32, len(lk))
	parallel(len(lk), func(a, b int) {
		for i := a; i < b; i++ {
			if id, ok := h.find(lk[i]); ok && lc.IsValid(i) {
				lid[i] = id
			} else {
				lid[i] = -1
			}
		}
	})
	return lid, rid, nil
}

func (j *joinNode) run(ins []*table) (*table, error) {
	l, r := ins[0], ins[1]
	lid, rid, err := keyIDs(l, r, j.lkeys, j.rkeys, j.keyTypes)
	if err != nil {
		return nil, fmt.Errorf("Join: %w", err)
	}
	if j.how == "semi" || j.how == "anti" {
		return semi(l, lid, rid, j.how == "anti")
	}
	var li, ri []int32
	switch j.how {
	case "right":
		ri, li = matchPairs(rid, lid, true)
	default:
		li, ri = matchPairs(lid, rid, j.how == "left" || j.how == "outer")
		if j.how == "outer" {
			seen := make([]bool, r.n)
			for _, x := range ri {
				if x >= 0 {
					seen[x] = true
				}
			}
			for x, ok := range seen {
				if !ok {
					li, ri = append(li, -1), append(ri, int32(x))
				}
			}
		}
	}
	out := &table{schema: j.schema, n: len(li)}
	for i, fl := range l.schema.Fields() {
		c, err := takeArray(l.cols[i], li)
		if err != nil {
			return nil, err
		}
		for k, key := range j.lkeys {
			if key == fl.Name && j.coalesce[k] {
				// Rows only on the right take the key from there.
				rc, err := castTo(r.col(j.rkeys[k]), j.keyTypes[k])
				if err != nil {
					return nil, err
				}
				lc, err := castTo(c, j.keyTypes[k])
				if err != nil {
					return nil, err
				}
				rk, err := takeArray(rc, ri)
				if err != nil {
					return nil, err
				}
				mask := make([]byte, (len(li)+7)/8)
				for x, v := range li {
					if v >= 0 {
						mask[x>>3] |= 1 << (x & 7)
					}
				}
				if c, err = pick(mask, val{a: lc}, val{a: rk}, len(li)); err != nil {
					return nil, err
				}
			}
		}
		out.cols = append(out.cols, c)
	}
	for _, name := range j.rightOut {
		c, err := takeArray(r.col(name), ri)
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, c)
	}
	for i, c := range out.cols {
		if !arrow.TypeEqual(c.DataType(), j.schema.Field(i).Type) {
			fs := j.schema.Fields()
			fs[i].Type = c.DataType()
			out.schema = arrow.NewSchema(fs, nil)
		}
	}
	return out, nil
}

// matchPairs pairs each probe row with the build rows of the same id, in
// order; keep adds unmatched probe rows paired with -1.
func matchPairs(probe, build []int32, keep bool) ([]int32, []int32) {
	// Bucket the build rows by id (a counting sort).
	maxID := int32(-1)
	for _, id := range build {
		maxID = max(maxID, id)
	}
	for _, id := range probe {
		maxID = max(maxID, id)
	}
	off := make([]int32, maxID+2)
	for _, id := range build {
		if id >= 0 {
			off[id+1]++
		}
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	rows := make([]int32, off[len(off)-1])
	pos := append([]int32(nil), off[:len(off)-1]...)
	for i, id := range build {
		if id >= 0 {
			rows[pos[id]] = int32(i)
			pos[id]++
		}
	}
	// Probe in parallel: count, then fill each range's slots.
	parts := chunks(len(probe))
	counts := make([]int, len(parts)+1)
	var wg sync.WaitGroup
	for p, rg := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := 0
			for _, id := range probe[rg[0]:rg[1]] {
				m := 0
				if id >= 0 {
					m = int(off[id+1] - off[id])
				}
				if m == 0 && keep {
					m = 1
				}
				c += m
			}
			counts[p+1] = c
		}()
	}
	wg.Wait()
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	pi, bi := make([]int32, counts[len(counts)-1]), make([]int32, counts[len(counts)-1])
	for p, rg := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := counts[p]
			for i := rg[0]; i < rg[1]; i++ {
				id := probe[i]
				if id >= 0 {
					for _, b := range rows[off[id]:off[id+1]] {
						pi[k], bi[k] = int32(i), b
						k++
					}
					if off[id+1] > off[id] || !keep {
						continue
					}
				} else if !keep {
					continue
				}
				pi[k], bi[k] = int32(i), -1
				k++
			}
		}()
	}
	wg.Wait()
	return pi, bi
}

func semi(l *table, lid, rid []int32, anti bool) (*table, error) {
	maxID := int32(-1)
	for _, id := range lid {
		maxID = max(maxID, id)
	}
	has := make([]bool, maxID+1)
	for _, id := range rid {
		if id >= 0 && id <= maxID {
			has[id] = true
		}
	}
	var idx []int32
	for i, id := range lid {
		if (id >= 0 && has[id]) != anti {
			idx = append(idx, int32(i))
		}
	}
	return takeTable(l, idx)
}
