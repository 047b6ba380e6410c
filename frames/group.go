package frames

import (
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// groups assigns each row a dense group id, numbered in order of first
// appearance.
type groups struct {
	ids   []int32
	n     int     // number of groups
	first []int32 // first row of each group
}

// groupRows groups t's rows by the key columns; a null key is a group of
// its own.
func groupRows(t *table, keys []string) (*groups, error) {
	if len(keys) == 0 {
		g := &groups{ids: make([]int32, t.n), n: 1, first: []int32{0}}
		return g, nil
	}
	var g *groups
	for _, k := range keys {
		c := t.col(k)
		if c == nil {
			return nil, unknownColumn(k, t.schema)
		}
		cg, err := groupColumn(c)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", k, err)
		}
		if g == nil {
			g = cg
			continue
		}
		// Combine: the pair (g, cg) as one integer, grouped again.
		pair := make([]int64, t.n)
		w := int64(cg.n)
		parallel(t.n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				pair[i] = int64(g.ids[i])*w + int64(cg.ids[i])
			}
		})
		g = groupInts(pair, nil)
	}
	return g, nil
}

// groupColumn groups one column's values.
func groupColumn(c arrow.Array) (*groups, error) {
	var valid []byte
	if c.NullN() > 0 {
		valid = validity(c)
	}
	switch kindOf(c.DataType()) {
	case kString:
		vals, err := stringsOf(c)
		if err != nil {
			return nil, err
		}
		return groupStrings(vals, valid), nil
	case kFloat:
		x, err := f64s(val{a: c})
		if err != nil {
			return nil, err
		}
		ks := make([]int64, len(x))
		for i, f := range x {
			if f == 0 {
				f = 0 // -0 and +0 are one group
			} else if f != f {
				f = math.NaN()
			}
			ks[i] = int64(math.Float64bits(f))
		}
		return groupInts(ks, valid), nil
	case kInt, kTime, kDuration:
		if c.DataType().ID() == arrow.UINT64 {
			u := c.(*array.Uint64).Uint64Values()
			ks := make([]int64, len(u))
			for i, x := range u {
				ks[i] = int64(x)
			}
			return groupInts(ks, valid), nil
		}
		x, err := i64s(val{a: c})
		if err != nil {
			return nil, err
		}
		return groupInts(x, valid), nil
	case kNull:
		return groupInts(make([]int64, c.Len()), make([]byte, (c.Len()+7)/8)), nil
	case kBool:
		b := c.(*array.Boolean)
		ks := make([]int64, b.Len())
		for i := range ks {
			if b.Value(i) {
				ks[i] = 1
			}
		}
		return groupInts(ks, valid), nil
	}
	return nil, fmt.Errorf("cannot group by values of type %s", c.DataType())
}

func groupStrings(vals []string, valid []byte) *groups {
	g := &groups{ids: make([]int32, len(vals))}
	m := map[string]int32{}
	null := int32(-1)
	for i, v := range vals {
		if valid != nil && valid[i>>3]&(1<<(i&7)) == 0 {
			if null < 0 {
				null = int32(g.n)
				g.n++
				g.first = append(g.first, int32(i))
			}
			g.ids[i] = null
			continue
		}
		id, ok := m[v]
		if !ok {
			id = int32(g.n)
			m[v] = id
			g.n++
			g.first = append(g.first, int32(i))
		}
		g.ids[i] = id
	}
	return g
}

// intTable maps int64 keys to dense local ids: a direct array for keys in
// a small range [lo, lo+len(direct)), open addressing for the rest.
type intTable struct {
	lo     int64
	direct []int32 // id+1 by key-lo; 0 is empty
	keys   []int64
	vals   []int32 // id+1; 0 is empty
	mask   uint64
	size   int
}

// newIntTable makes a table for about n keys, direct over [lo, hi] when
// that range is small.
func newIntTable(lo, hi int64, n int) *intTable {
	h := &intTable{}
	if span := uint64(hi - lo); hi >= lo && span < 1<<22 && span <= uint64(4*n+1024) {
		h.lo, h.direct = lo, make([]int32, span+1)
	}
	c := 16
	if h.direct == nil {
		c = 1 << bits.Len(uint(min(n, 1<<16)*2))
	}
	h.keys, h.vals, h.mask = make([]int64, c), make([]int32, c), uint64(c-1)
	return h
}

// sampleRange guesses the range of keys from their first rows, for a direct
// table that later keys outside it fall back from.
func sampleRange(ks []int64) (int64, int64) {
	return minMax(ks[:min(len(ks), 1<<16)])
}

func hash64(k int64) uint64 { return (uint64(k) * 0x9E3779B97F4A7C15) ^ (uint64(k) >> 29) }

// id returns k's id, assigning next when k is new (reported by isNew).
func (h *intTable) id(k int64, next int32) (id int32, isNew bool) {
	if off := uint64(k - h.lo); off < uint64(len(h.direct)) {
		p := &h.direct[off]
		if *p == 0 {
			*p = next + 1
			return next, true
		}
		return *p - 1, false
	}
	return h.hashed(k, next)
}

// find returns k's id without adding it.
func (h *intTable) find(k int64) (int32, bool) {
	if off := uint64(k - h.lo); off < uint64(len(h.direct)) {
		v := h.direct[off]
		return v - 1, v != 0
	}
	for i := hash64(k) & h.mask; ; i = (i + 1) & h.mask {
		if h.vals[i] == 0 {
			return -1, false
		}
		if h.keys[i] == k {
			return h.vals[i] - 1, true
		}
	}
}

func (h *intTable) hashed(k int64, next int32) (id int32, isNew bool) {
	for i := hash64(k) & h.mask; ; i = (i + 1) & h.mask {
		if h.vals[i] == 0 {
			h.keys[i], h.vals[i] = k, next+1
			h.size++
			if h.size*2 > len(h.vals) {
				h.grow()
			}
			return next, true
		}
		if h.keys[i] == k {
			return h.vals[i] - 1, false
		}
	}
}

func (h *intTable) grow() {
	keys, vals := h.keys, h.vals
	c := len(vals) * 2
	h.keys, h.vals, h.mask = make([]int64, c), make([]int32, c), uint64(c-1)
	for j, v := range vals {
		if v == 0 {
			continue
		}
		for i := hash64(keys[j]) & h.mask; ; i = (i + 1) & h.mask {
			if h.vals[i] == 0 {
				h.keys[i], h.vals[i] = keys[j], v
				break
			}
		}
	}
}

// groupInts groups int64 keys (valid: nil or a validity bitmap). Each CPU
// groups its own range; the local groups are then merged in range order,
// which keeps first-appearance numbering.
func groupInts(ks []int64, valid []byte) *groups {
	n := len(ks)
	lo, hi := sampleRange(ks)
	parts := chunks(n)
	type local struct {
		keys  []int64 // key of each local id; null is flagged by nullID
		first []int32
		null  int32
	}
	ids := make([]int32, n)
	locals := make([]local, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := newIntTable(lo, hi, r[1]-r[0])
			l := local{null: -1}
			for i := r[0]; i < r[1]; i++ {
				if valid != nil && valid[i>>3]&(1<<(i&7)) == 0 {
					if l.null < 0 {
						l.null = int32(len(l.keys))
						l.keys = append(l.keys, 0)
						l.first = append(l.first, int32(i))
					}
					ids[i] = l.null
					continue
				}
				id, isNew := h.id(ks[i], int32(len(l.keys)))
				if isNew {
					l.keys = append(l.keys, ks[i])
					l.first = append(l.first, int32(i))
				}
				ids[i] = id
			}
			locals[p] = l
		}()
	}
	wg.Wait()
	g := &groups{ids: ids}
	if len(parts) == 1 {
		g.n, g.first = len(locals[0].keys), locals[0].first
		return g
	}
	keys, firsts, nulls := make([][]int64, len(locals)), make([][]int32, len(locals)), make([]int32, len(locals))
	for p, l := range locals {
		keys[p], firsts[p], nulls[p] = l.keys, l.first, l.null
	}
	maps, first := mergeLocal(lo, hi, keys, firsts, nulls)
	g.n, g.first = len(first), first
	for p, r := range parts {
		if p == 0 && isIdentity(maps[0]) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := maps[p]
			for i := r[0]; i < r[1]; i++ {
				ids[i] = m[ids[i]]
			}
		}()
	}
	wg.Wait()
	return g
}

// mergeLocal numbers the groups that each range found on its own in one
// space, taking the ranges in order so that groups stay numbered by first
// appearance. It returns, per range, the map from local to global id, and
// the first row of each global group. nulls[p] is range p's local id of the
// null group, or -1.
func mergeLocal(lo, hi int64, keys [][]int64, firsts [][]int32, nulls []int32) ([][]int32, []int32) {
	global := newIntTable(lo, hi, len(keys[0])*2)
	var first []int32
	null := int32(-1)
	maps := make([][]int32, len(keys))
	for p := range keys {
		m := make([]int32, len(keys[p]))
		for j, k := range keys[p] {
			if nulls != nil && int32(j) == nulls[p] {
				if null < 0 {
					null = int32(len(first))
					first = append(first, firsts[p][j])
				}
				m[j] = null
				continue
			}
			id, isNew := global.id(k, int32(len(first)))
			if isNew {
				first = append(first, firsts[p][j])
			}
			m[j] = id
		}
		maps[p] = m
	}
	return maps, first
}

func isIdentity(m []int32) bool {
	for i, v := range m {
		if int32(i) != v {
			return false
		}
	}
	return true
}
