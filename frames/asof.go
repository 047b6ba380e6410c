package frames

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
)

// AsOfSpec describes an as-of join (pandas' merge_asof).
type AsOfSpec struct {
	// On is the ordered column (a time or a number) on both sides; LeftOn
	// and RightOn name it separately.
	On, LeftOn, RightOn string
	// By names columns that must also be equal (e.g. the object id).
	By []string
	// Direction is "backward" (the default: the last right row at or
	// before the left row), "forward" (the first at or after) or "nearest"
	// (ties go backward).
	Direction string
	// Tolerance, when set, is the largest distance allowed: a number, or a
	// time.Duration for timestamp columns.
	Tolerance any
	// Suffix renames right columns whose names the left frame already has
	// (default "_right").
	Suffix string
}

// AsOf joins each left row to at most one right row: the nearest in the On
// column in the given direction, among rows with equal By columns. Every
// left row is kept, in its order; unmatched rows get nulls.
func (f Frame) AsOf(right Frame, spec AsOfSpec) Frame {
	if right.f != nil && right.f.err != nil {
		return right
	}
	return f.derive(func(in node) (node, error) { return newAsOf(in, right.node(), spec) })
}

type asofNode struct {
	l, r     node
	spec     AsOfSpec
	lon, ron string
	tol      float64 // in the On column's units; <0: none
	schema   *arrow.Schema
	rightOut []string
}

func newAsOf(l, r node, spec AsOfSpec) (node, error) {
	a := &asofNode{l: l, r: r, spec: spec, lon: spec.LeftOn, ron: spec.RightOn, tol: -1}
	if spec.On != "" {
		a.lon, a.ron = spec.On, spec.On
	}
	switch a.spec.Direction {
	case "":
		a.spec.Direction = "backward"
	case "backward", "forward", "nearest":
	default:
		return nil, fmt.Errorf("AsOf: unknown direction %q (backward, forward, nearest)", spec.Direction)
	}
	if a.spec.Suffix == "" {
		a.spec.Suffix = "_right"
	}
	ls, rs := l.Schema(), r.Schema()
	li, ri := ls.FieldIndices(a.lon), rs.FieldIndices(a.ron)
	if a.lon == "" || li == nil {
		return nil, fmt.Errorf("AsOf: left side: %w", unknownColumn(a.lon, ls))
	}
	if ri == nil {
		return nil, fmt.Errorf("AsOf: right side: %w", unknownColumn(a.ron, rs))
	}
	lt, rt := ls.Field(li[0]).Type, rs.Field(ri[0]).Type
	lk, rk := kindOf(lt), kindOf(rt)
	numeric := (lk == kInt || lk == kFloat) && (rk == kInt || rk == kFloat)
	if !numeric && !(lk == kTime && rk == kTime) {
		return nil, fmt.Errorf("AsOf: On columns must both be numbers or both times, got %s and %s", lt, rt)
	}
	switch tol := spec.Tolerance.(type) {
	case nil:
	case time.Duration:
		if lk != kTime {
			return nil, fmt.Errorf("AsOf: a time.Duration tolerance needs timestamp On columns")
		}
		a.tol = float64(tol / time.Nanosecond)
	case int:
		a.tol = float64(tol)
	case int64:
		a.tol = float64(tol)
	case float64:
		a.tol = tol
	default:
		return nil, fmt.Errorf("AsOf: tolerance must be a number or time.Duration, got %T", spec.Tolerance)
	}
	for _, b := range spec.By {
		if ls.FieldIndices(b) == nil {
			return nil, fmt.Errorf("AsOf: left side: %w", unknownColumn(b, ls))
		}
		if rs.FieldIndices(b) == nil {
			return nil, fmt.Errorf("AsOf: right side: %w", unknownColumn(b, rs))
		}
	}
	fields := append([]arrow.Field(nil), ls.Fields()...)
	have := map[string]bool{}
	for _, fl := range fields {
		have[fl.Name] = true
	}
	skip := map[string]bool{}
	for _, b := range spec.By {
		skip[b] = true
	}
	for _, fl := range rs.Fields() {
		if skip[fl.Name] {
			continue
		}
		name := fl.Name
		if have[name] {
			name += a.spec.Suffix
		}
		if have[name] {
			return nil, fmt.Errorf("AsOf: right column %q would be named %q, which the left side has", fl.Name, name)
		}
		have[name] = true
		a.rightOut = append(a.rightOut, fl.Name)
		fields = append(fields, arrow.Field{Name: name, Type: fl.Type, Nullable: true})
	}
	a.schema = arrow.NewSchema(fields, nil)
	return a, nil
}

func (a *asofNode) Schema() *arrow.Schema { return a.schema }
func (a *asofNode) String() string {
	s := fmt.Sprintf("AsOf %s on %s", a.spec.Direction, a.lon)
	if a.ron != a.lon {
		s += " = " + a.ron
	}
	if len(a.spec.By) > 0 {
		s += " by " + strings.Join(a.spec.By, ", ")
	}
	if a.spec.Tolerance != nil {
		s += fmt.Sprintf(" tolerance %v", a.spec.Tolerance)
	}
	return s
}
func (a *asofNode) inputs() []node { return []node{a.l, a.r} }
func (a *asofNode) withInputs(ins []node) node {
	c := *a
	c.l, c.r = ins[0], ins[1]
	return &c
}

// onValues returns the On column as float64s in a shared unit (ns for
// times), with validity.
func onValues(c arrow.Array) ([]float64, []byte, error) {
	if kindOf(c.DataType()) == kTime {
		x, err := i64s(val{a: c})
		if err != nil {
			return nil, nil, err
		}
		u := float64(unit(c.DataType()))
		out := make([]float64, len(x))
		for i, v := range x {
			out[i] = float64(v) * u
		}
		return out, validity(c), nil
	}
	x, err := f64s(val{a: c})
	return x, validity(c), err
}

func (a *asofNode) run(ins []*table) (*table, error) {
	l, r := ins[0], ins[1]
	lv, lvalid, err := onValues(l.col(a.lon))
	if err != nil {
		return nil, err
	}
	rv, rvalid, err := onValues(r.col(a.ron))
	if err != nil {
		return nil, err
	}
	var lid, rid []int32
	if len(a.spec.By) > 0 {
		types := make([]arrow.DataType, len(a.spec.By))
		for i, b := range a.spec.By {
			t, err := commonType(l.col(b).DataType(), r.col(b).DataType())
			if err != nil {
				return nil, fmt.Errorf("AsOf: by %q: %w", b, err)
			}
			types[i] = t
		}
		if lid, rid, err = keyIDs(l, r, a.spec.By, a.spec.By, types); err != nil {
			return nil, fmt.Errorf("AsOf: %w", err)
		}
	} else {
		lid, rid = make([]int32, l.n), make([]int32, r.n)
	}
	// Both sides ordered by (group, On); NaN/null On values never match.
	order := func(v []float64, valid []byte, ids []int32) ([]int32, []int64) {
		g := &groups{ids: ids}
		for _, id := range ids {
			g.n = max(g.n, int(id)+1)
		}
		rows := make([]int32, 0, len(v))
		ks := make([]uint64, len(v))
		for i, x := range v {
			ks[i] = floatKey(x)
			if isValid(valid, i) && x == x && ids[i] >= 0 {
				rows = append(rows, int32(i))
			}
		}
		rows = radixPerm(rows, ks)
		return byGroup(g, rows)
	}
	lrows, loff := order(lv, lvalid, lid)
	rrows, roff := order(rv, rvalid, rid)
	match := make([]int32, l.n)
	for i := range match {
		match[i] = -1
	}
	dir := a.spec.Direction
	for g := 0; g+1 < len(loff) && g+1 < len(roff); g++ {
		ls, rs := lrows[loff[g]:loff[g+1]], rrows[roff[g]:roff[g+1]]
		if len(rs) == 0 {
			continue
		}
		j := 0 // rs[:j] are <= the current left value
		for _, li := range ls {
			x := lv[li]
			for j < len(rs) && rv[rs[j]] <= x {
				j++
			}
			best, dist := int32(-1), math.Inf(1)
			if dir != "forward" && j > 0 {
				// The last of equal values is the latest at or before x.
				best, dist = rs[j-1], x-rv[rs[j-1]]
			}
			if dir != "backward" {
				k := j
				if k > 0 && rv[rs[k-1]] == x {
					k-- // an exact match counts forward too
					for k > 0 && rv[rs[k-1]] == x {
						k--
					}
				}
				if k < len(rs) {
					if d := rv[rs[k]] - x; dir == "forward" || d < dist {
						best, dist = rs[k], d
					}
				}
			}
			if best >= 0 && (a.tol < 0 || dist <= a.tol) {
				match[li] = best
			}
		}
	}
	out := &table{schema: a.schema, n: l.n, cols: append([]arrow.Array(nil), l.cols...)}
	for _, name := range a.rightOut {
		c, err := takeArray(r.col(name), match)
		if err != nil {
			return nil, err
		}
		out.cols = append(out.cols, c)
	}
	return out, nil
}
