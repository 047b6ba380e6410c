// A bitset on []uint64 with methods, set algebra, an iterator, and
// String; and a bloom filter using hash/fnv.
package main

import (
	"fmt"
	"hash/fnv"
	"iter"
	"math/bits"
	"strings"
)

type Bitset []uint64

func (b *Bitset) Set(i int) {
	for len(*b) <= i/64 {
		*b = append(*b, 0)
	}
	(*b)[i/64] |= 1 << (i % 64)
}

func (b Bitset) Has(i int) bool {
	return i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0
}

func (b Bitset) Count() (n int) {
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return
}

func (b Bitset) And(o Bitset) Bitset {
	out := make(Bitset, min(len(b), len(o)))
	for i := range out {
		out[i] = b[i] & o[i]
	}
	return out
}

func (b Bitset) Or(o Bitset) Bitset {
	long, short := b, o
	if len(o) > len(b) {
		long, short = o, b
	}
	out := append(Bitset(nil), long...)
	for i, w := range short {
		out[i] |= w
	}
	return out
}

func (b Bitset) All() iter.Seq[int] {
	return func(yield func(int) bool) {
		for wi, w := range b {
			for w != 0 {
				t := bits.TrailingZeros64(w)
				if !yield(wi*64 + t) {
					return
				}
				w &= w - 1
			}
		}
	}
}

func (b Bitset) String() string {
	var parts []string
	for i := range b.All() {
		parts = append(parts, fmt.Sprint(i))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

type Bloom struct {
	bits Bitset
	m, k int
}

func (f *Bloom) hashes(s string) []int {
	h := fnv.New64a()
	h.Write([]byte(s))
	a := h.Sum64()
	h2 := fnv.New32()
	h2.Write([]byte(s))
	b := uint64(h2.Sum32()) | 1
	out := make([]int, f.k)
	for i := range out {
		out[i] = int((a + uint64(i)*b) % uint64(f.m))
	}
	return out
}

func (f *Bloom) Add(s string) {
	for _, i := range f.hashes(s) {
		f.bits.Set(i)
	}
}

func (f *Bloom) Maybe(s string) bool {
	for _, i := range f.hashes(s) {
		if !f.bits.Has(i) {
			return false
		}
	}
	return true
}

func main() {
	var a, b Bitset
	for _, i := range []int{1, 5, 64, 130} {
		a.Set(i)
	}
	for _, i := range []int{5, 6, 130, 200} {
		b.Set(i)
	}
	fmt.Println(a, b, a.Count(), len(a), len(b))
	fmt.Println(a.And(b), a.Or(b), a.Has(64), a.Has(63), b.Has(1000))
	first := -1
	for i := range a.Or(b).All() {
		if i > 60 {
			first = i
			break
		}
	}
	fmt.Println(first, []Bitset{a.And(b)})
	f := &Bloom{m: 512, k: 3}
	for _, w := range []string{"alpha", "beta", "gamma"} {
		f.Add(w)
	}
	fmt.Println(f.Maybe("alpha"), f.Maybe("gamma"), f.Maybe("delta"), f.bits.Count() <= 9)
}
