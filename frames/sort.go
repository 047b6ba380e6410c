package frames

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// SortKey orders rows by one column; see Asc and Desc.
type SortKey struct {
	col        string
	desc       bool
	nullsFirst bool
}

// Asc sorts by a column, smallest first.
func Asc(col string) SortKey { return SortKey{col: col} }

// Desc sorts by a column, largest first.
func Desc(col string) SortKey { return SortKey{col: col, desc: true} }

// NullsFirst puts nulls before the other values (the default is last).
func (k SortKey) NullsFirst() SortKey { k.nullsFirst = true; return k }

// String is the key as Explain shows it.
func (k SortKey) String() string {
	s := k.col
	if k.desc {
		s += " DESC"
	}
	if k.nullsFirst {
		s += " NULLS FIRST"
	}
	return s
}

// sortNode orders rows by keys, stably.
type sortNode struct {
	in   node
	keys []SortKey
}

func (s *sortNode) Schema() *arrow.Schema { return s.in.Schema() }
func (s *sortNode) String() string {
	parts := make([]string, len(s.keys))
	for i, k := range s.keys {
		parts[i] = k.String()
	}
	return "Sort " + strings.Join(parts, ", ")
}
func (s *sortNode) inputs() []node { return []node{s.in} }
func (s *sortNode) withInputs(ins []node) node {
	c := *s
	c.in = ins[0]
	return &c
}
func (s *sortNode) run(ins []*table) (*table, error) {
	t := ins[0]
	perm, err := sortPerm(t, s.keys)
	if err != nil {
		return nil, err
	}
	return takeTable(t, perm)
}

// Sort orders rows by columns, ascending; a name starting with "-" sorts
// descending: Sort("band", "-magpsf"). Nulls go last. The sort is stable.
func (f Frame) Sort(cols ...string) Frame {
	keys := make([]SortKey, len(cols))
	for i, c := range cols {
		if strings.HasPrefix(c, "-") {
			keys[i] = Desc(c[1:])
		} else {
			keys[i] = Asc(c)
		}
	}
	return f.SortBy(keys...)
}

// SortBy orders rows by keys made with Asc and Desc.
func (f Frame) SortBy(keys ...SortKey) Frame {
	return f.derive(func(in node) (node, error) {
		if len(keys) == 0 {
			return nil, fmt.Errorf("Sort: no columns given")
		}
		for _, k := range keys {
			i := in.Schema().FieldIndices(k.col)
			if i == nil {
				return nil, fmt.Errorf("Sort: %w", unknownColumn(k.col, in.Schema()))
			}
			if t := in.Schema().Field(i[0]).Type; !sortable(t) {
				return nil, fmt.Errorf("Sort: column %q has type %s, which has no order", k.col, t)
			}
		}
		return &sortNode{in: in, keys: keys}, nil
	})
}

// TopK keeps the k rows that come first in the order of keys:
// TopK(10, Desc("magpsf")).
func (f Frame) TopK(k int, keys ...SortKey) Frame { return f.SortBy(keys...).Head(k) }

func sortable(t arrow.DataType) bool {
	switch kindOf(t) {
	case kBool, kInt, kFloat, kString, kTime, kDuration, kNull:
		return true
	}
	return false
}

// sortPerm returns the row order for keys: a stable LSD sort, last key
// first, each a radix sort on an order-preserving uint64 (or a comparison
// sort for strings) followed by a stable move of the nulls.
func sortPerm(t *table, keys []SortKey) ([]int32, error) {
	perm := make([]int32, t.n)
	for i := range perm {
		perm[i] = int32(i)
	}
	for k := len(keys) - 1; k >= 0; k-- {
		key := keys[k]
		c := t.col(key.col)
		if c == nil {
			return nil, unknownColumn(key.col, t.schema)
		}
		if kindOf(c.DataType()) == kString {
			vals, err := stringsOf(c)
			if err != nil {
				return nil, err
			}
			slices.SortStableFunc(perm, func(a, b int32) int {
				if key.desc {
					return strings.Compare(vals[b], vals[a])
				}
				return strings.Compare(vals[a], vals[b])
			})
		} else {
			ks, err := sortKeys(c)
			if err != nil {
				return nil, err
			}
			if key.desc {
				for i := range ks {
					ks[i] = ^ks[i]
				}
			}
			perm = radixPerm(perm, ks)
		}
		if c.NullN() > 0 {
			perm = moveNulls(perm, c, key.nullsFirst)
		}
	}
	return perm, nil
}

// sortKeys maps values to uint64s with the same order.
func sortKeys(c arrow.Array) ([]uint64, error) {
	ks := make([]uint64, c.Len())
	switch kindOf(c.DataType()) {
	case kFloat:
		x, err := f64s(val{a: c})
		if err != nil {
			return nil, err
		}
		parallel(len(x), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				ks[i] = floatKey(x[i])
			}
		})
	case kBool:
		b := c.(*array.Boolean)
		for i := range ks {
			if b.Value(i) {
				ks[i] = 1
			}
		}
	default:
		if c.DataType().ID() == arrow.UINT64 {
			copy(ks, c.(*array.Uint64).Uint64Values())
			return ks, nil
		}
		x, err := i64s(val{a: c})
		if err != nil {
			return nil, err
		}
		parallel(len(x), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				ks[i] = uint64(x[i]) ^ (1 << 63)
			}
		})
	}
	return ks, nil
}

// floatKey orders floats as uint64s; -0 equals 0 and NaN sorts after +Inf.
func floatKey(f float64) uint64 {
	if f != f {
		f = math.NaN()
	} else if f == 0 {
		f = 0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// radixPerm stably reorders perm by ks[perm[i]], 16 bits a pass, skipping
// the passes where every key has the same digit.
func radixPerm(perm []int32, ks []uint64) []int32 {
	n := len(perm)
	if n < 256 {
		slices.SortStableFunc(perm, func(a, b int32) int { return cmp.Compare(ks[a], ks[b]) })
		return perm
	}
	type kv struct {
		k uint64
		i int32
	}
	src := make([]kv, n)
	for i, p := range perm {
		src[i] = kv{ks[p], p}
	}
	var hist [4][1 << 16]int
	for _, e := range src {
		hist[0][e.k&0xffff]++
		hist[1][e.k>>16&0xffff]++
		hist[2][e.k>>32&0xffff]++
		hist[3][e.k>>48]++
	}
	dst := make([]kv, n)
	for pass := 0; pass < 4; pass++ {
		h := &hist[pass]
		shift := uint(pass * 16)
		if h[src[0].k>>shift&0xffff] == n {
			continue
		}
		sum := 0
		for d := range h {
			c := h[d]
			h[d] = sum
			sum += c
		}
		for _, e := range src {
			d := e.k >> shift & 0xffff
			dst[h[d]] = e
			h[d]++
		}
		src, dst = dst, src
	}
	for i, e := range src {
		perm[i] = e.i
	}
	return perm
}

// moveNulls stably moves the rows where c is null to the front or back.
func moveNulls(perm []int32, c arrow.Array, first bool) []int32 {
	out := make([]int32, 0, len(perm))
	var nulls []int32
	for _, p := range perm {
		if c.IsNull(int(p)) {
			nulls = append(nulls, p)
		} else {
			out = append(out, p)
		}
	}
	if first {
		return append(nulls, out...)
	}
	return append(out, nulls...)
}

// TopK keeps, per group, the k first rows in the order of keys — the
// brightest three detections of each object — groups in order of first
// appearance. On a stream it is the best k of each group so far.
func (g Grouped) TopK(k int, keys ...SortKey) Frame {
	return g.f.derive(func(in node) (node, error) {
		if len(keys) == 0 {
			return nil, fmt.Errorf("TopK: no sort keys given")
		}
		for _, c := range g.keys {
			if in.Schema().FieldIndices(c) == nil {
				return nil, fmt.Errorf("GroupBy: %w", unknownColumn(c, in.Schema()))
			}
		}
		for _, sk := range keys {
			i := in.Schema().FieldIndices(sk.col)
			if i == nil {
				return nil, fmt.Errorf("TopK: %w", unknownColumn(sk.col, in.Schema()))
			}
			if t := in.Schema().Field(i[0]).Type; !sortable(t) {
				return nil, fmt.Errorf("TopK: cannot sort by %q of type %s", sk.col, t)
			}
		}
		return &topKPerKey{in: in, groups: g.keys, keys: keys, k: max(k, 0)}, nil
	})
}

// topKPerKey keeps the first k rows of each group in a sort order.
type topKPerKey struct {
	in     node
	groups []string
	keys   []SortKey
	k      int
}

func (n *topKPerKey) Schema() *arrow.Schema { return n.in.Schema() }
func (n *topKPerKey) String() string {
	parts := make([]string, len(n.keys))
	for i, k := range n.keys {
		parts[i] = k.String()
	}
	return fmt.Sprintf("GroupBy %s TopK %d by %s", strings.Join(n.groups, ", "), n.k, strings.Join(parts, ", "))
}
func (n *topKPerKey) inputs() []node { return []node{n.in} }
func (n *topKPerKey) withInputs(ins []node) node {
	c := *n
	c.in = ins[0]
	return &c
}

func (n *topKPerKey) run(ins []*table) (*table, error) {
	t := ins[0]
	g, err := groupRows(t, n.groups)
	if err != nil {
		return nil, err
	}
	perm, err := sortPerm(t, n.keys)
	if err != nil {
		return nil, err
	}
	taken := make([]int, g.n)
	kept := make([][]int32, g.n)
	for _, i := range perm {
		if id := g.ids[i]; taken[id] < n.k {
			taken[id]++
			kept[id] = append(kept[id], i)
		}
	}
	var rows []int32
	for _, r := range kept {
		rows = append(rows, r...)
	}
	return takeTable(t, rows)
}
