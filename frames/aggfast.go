package frames

import (
	"math"
	"slices"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
)

// The fast path of GroupBy for one integer-like key without nulls and
// aggregations that fold row by row (count, sum, mean): each CPU numbers the
// groups of its range block by block, so the group ids of a block stay in
// cache while every aggregation folds it; the per-CPU results merge at the
// end. Nothing the size of the input is allocated.

// foldAcc accumulates one aggregation per local group.
type foldAcc struct {
	op    string    // count, sum, mean
	x     []float64 // input as float64 (sum/mean of floats)
	xi    []int64   // input as int64 (sum of ints)
	valid []byte    // input validity (nil: no nulls)
	all   bool      // count(*)
	sumF  []float64
	sumI  []int64
	n     []int64
}

func (a *foldAcc) grow(n int) {
	for len(a.n) < n {
		a.n = append(a.n, 0)
		a.sumF = append(a.sumF, 0)
		a.sumI = append(a.sumI, 0)
	}
}

// fold adds rows lo.. lo+len(ids) with their local group ids.
func (a *foldAcc) fold(ids []int32, lo int) {
	n := a.n
	switch {
	case a.all || (a.op == "count" && a.valid == nil):
		for _, id := range ids {
			n[id]++
		}
	case a.valid == nil && a.xi != nil:
		s, x := a.sumI, a.xi[lo:lo+len(ids)]
		for j, id := range ids {
			s[id] += x[j]
		}
	case a.valid == nil:
		s, x := a.sumF, a.x[lo:lo+len(ids)]
		for j, id := range ids {
			s[id] += x[j]
			n[id]++
		}
	default:
		for j, id := range ids {
			i := lo + j
			if a.valid[i>>3]&(1<<(i&7)) == 0 {
				continue
			}
			n[id]++
			if a.xi != nil {
				a.sumI[id] += a.xi[i]
			} else if a.x != nil {
				a.sumF[id] += a.x[i]
			}
		}
	}
}

func (a *foldAcc) mergeInto(dst *foldAcc, m []int32) {
	for j, g := range m {
		dst.n[g] += a.n[j]
		dst.sumF[g] += a.sumF[j]
		dst.sumI[g] += a.sumI[j]
	}
}

func (a *foldAcc) result(t arrow.DataType) arrow.Array {
	switch a.op {
	case "count":
		return numArray(arrow.PrimitiveTypes.Int64, a.n, nil)
	case "sum":
		if a.xi != nil {
			return numArray(t, a.sumI, nil)
		}
		return numArray(arrow.PrimitiveTypes.Float64, a.sumF, nil)
	}
	out := make([]float64, len(a.n))
	var valid []byte
	for i := range out {
		if a.n[i] == 0 {
			if valid == nil {
				valid = allValid(len(out))
			}
			valid[i>>3] &^= 1 << (i & 7)
			out[i] = math.NaN()
			continue
		}
		out[i] = a.sumF[i] / float64(a.n[i])
	}
	return numArray(arrow.PrimitiveTypes.Float64, out, valid)
}

// foldAggs runs the fast path, or reports false when it does not apply.
func (a *aggNode) foldAggs(t *table) (*table, bool, error) {
	if len(a.keys) != 1 || t.n < 1<<16 {
		return nil, false, nil
	}
	kc := t.col(a.keys[0])
	if k := kindOf(kc.DataType()); (k != kInt && k != kTime && k != kDuration) || kc.NullN() > 0 ||
		kc.DataType().ID() == arrow.UINT64 || kc.DataType().ID() == arrow.DATE32 {
		return nil, false, nil
	}
	accs := make([]*foldAcc, len(a.aggs))
	for i, e := range a.aggs {
		op, arg, err := splitAgg(e)
		if err != nil {
			return nil, false, err
		}
		if op.op != "count" && op.op != "sum" && op.op != "mean" {
			return nil, false, nil
		}
		acc := &foldAcc{op: op.op, all: arg == nil}
		if arg != nil {
			c, err := evalColumn(arg, t)
			if err != nil {
				return nil, false, err
			}
			k := kindOf(c.DataType())
			if k != kInt && k != kFloat {
				return nil, false, nil
			}
			if c.NullN() > 0 {
				acc.valid = validity(c)
			}
			if op.op == "sum" && k == kInt {
				if acc.xi, err = i64s(val{a: c}); err != nil {
					return nil, false, err
				}
			} else if op.op != "count" {
				if acc.x, err = f64s(val{a: c}); err != nil {
					return nil, false, err
				}
			}
		}
		accs[i] = acc
	}
	keys, err := i64s(val{a: kc})
	if err != nil {
		return nil, false, err
	}
	lo, hi := sampleRange(keys)
	parts := chunks(t.n)
	type local struct {
		keys  []int64
		first []int32
		accs  []*foldAcc
	}
	locals := make([]local, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := newIntTable(lo, hi, r[1]-r[0])
			l := local{accs: make([]*foldAcc, len(accs))}
			for i, acc := range accs {
				c := *acc
				c.n, c.sumF, c.sumI = nil, nil, nil
				l.accs[i] = &c
			}
			var ids [4096]int32
			for b := r[0]; b < r[1]; b += len(ids) {
				e := min(b+len(ids), r[1])
				blk := ids[:e-b]
				d, base := h.direct, h.lo
				for j, k := range keys[b:e] {
					if off := uint64(k - base); off < uint64(len(d)) {
						if p := &d[off]; *p != 0 {
							blk[j] = *p - 1
							continue
						}
					}
					id, isNew := h.id(k, int32(len(l.keys)))
					if isNew {
						l.keys = append(l.keys, k)
						l.first = append(l.first, int32(b+j))
					}
					blk[j] = id
				}
				for _, acc := range l.accs {
					acc.grow(len(l.keys))
					acc.fold(blk, b)
				}
			}
			locals[p] = l
		}()
	}
	wg.Wait()
	// Merge in range order: group numbering stays first-appearance.
	keys2, firsts := make([][]int64, len(locals)), make([][]int32, len(locals))
	for p, l := range locals {
		keys2[p], firsts[p] = l.keys, l.first
	}
	maps, first := mergeLocal(lo, hi, keys2, firsts, nil)
	out := make([]*foldAcc, len(accs))
	for i := range out {
		out[i] = &foldAcc{op: accs[i].op, xi: accs[i].xi}
		out[i].grow(len(first))
	}
	for p, l := range locals {
		for i, acc := range l.accs {
			acc.mergeInto(out[i], maps[p])
		}
	}
	res := &table{schema: a.schema, n: len(first)}
	kcol, err := takeArray(kc, first)
	if err != nil {
		return nil, false, err
	}
	res.cols = append(res.cols, kcol)
	for i, acc := range out {
		res.cols = append(res.cols, acc.result(a.schema.Field(1+i).Type))
	}
	return res, true, nil
}

func minMax(ks []int64) (int64, int64) {
	parts := chunks(len(ks))
	los, his := make([]int64, len(parts)), make([]int64, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, h := int64(math.MaxInt64), int64(math.MinInt64)
			for _, k := range ks[r[0]:r[1]] {
				l, h = min(l, k), max(h, k)
			}
			los[p], his[p] = l, h
		}()
	}
	wg.Wait()
	return slices.Min(los), slices.Max(his)
}
