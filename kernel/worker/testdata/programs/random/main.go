// Seeded randomness: math/rand/v2 with a PCG source, shuffles, sampling,
// a Monte Carlo estimate, and a reservoir sample — all reproducible.
package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

func reservoir[T any](r *rand.Rand, xs []T, k int) []T {
	out := slices.Clone(xs[:k])
	for i := k; i < len(xs); i++ {
		if j := r.IntN(i + 1); j < k {
			out[j] = xs[i]
		}
	}
	return out
}

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	fmt.Println(r.IntN(100), r.IntN(100), r.Float64() < 1, r.Uint64()%1000)
	deck := make([]int, 10)
	for i := range deck {
		deck[i] = i
	}
	r.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	fmt.Println(deck)
	sorted := slices.Sorted(slices.Values(deck))
	fmt.Println(sorted)
	inside := 0
	const n = 20000
	for range n {
		x, y := r.Float64(), r.Float64()
		if x*x+y*y <= 1 {
			inside++
		}
	}
	pi := 4 * float64(inside) / n
	fmt.Printf("%.4f %v\n", pi, math.Abs(pi-math.Pi) < 0.05)
	fmt.Println(reservoir(r, []string{"a", "b", "c", "d", "e", "f", "g"}, 3))
	counts := make([]int, 3)
	for range 3000 {
		counts[r.IntN(3)]++
	}
	ok := true
	for _, c := range counts {
		ok = ok && c > 900 && c < 1100
	}
	fmt.Println(ok, len(r.Perm(5)), rand.N(10) < 10)
	norm := 0.0
	for range 1000 {
		norm += r.NormFloat64()
	}
	fmt.Println(math.Abs(norm/1000) < 0.2)
}
