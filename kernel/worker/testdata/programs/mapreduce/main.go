// Map-reduce over goroutines with generics: a word count split across
// workers, partial maps merged, results ordered, and a generic parallel map
// that keeps order.
package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

func ParallelMap[T, U any](xs []T, workers int, f func(T) U) []U {
	out := make([]U, len(xs))
	var wg sync.WaitGroup
	chunk := (len(xs) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(xs))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = f(xs[i])
			}
		}(lo, hi)
	}
	wg.Wait()
	return out
}

func MergeCounts[K comparable](parts ...map[K]int) map[K]int {
	out := map[K]int{}
	for _, p := range parts {
		for k, v := range p {
			out[k] += v
		}
	}
	return out
}

func countWords(lines []string) map[string]int {
	m := map[string]int{}
	for _, l := range lines {
		for _, w := range strings.Fields(strings.ToLower(l)) {
			m[strings.Trim(w, ".,!?")]++
		}
	}
	return m
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func TopN[K comparable](m map[K]int, n int, less func(a, b K) bool) []Pair[K, int] {
	var ps []Pair[K, int]
	for k, v := range m {
		ps = append(ps, Pair[K, int]{k, v})
	}
	slices.SortFunc(ps, func(a, b Pair[K, int]) int {
		if a.Val != b.Val {
			return b.Val - a.Val
		}
		if less(a.Key, b.Key) {
			return -1
		}
		return 1
	})
	return ps[:min(n, len(ps))]
}

func main() {
	text := []string{
		"the quick brown fox", "jumps over the lazy dog", "The dog barks!",
		"a fox, a dog, the end.", "quick quick slow", "over and over",
	}
	parts := make([]map[string]int, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i] = countWords(text[i*2 : i*2+2])
		}()
	}
	wg.Wait()
	total := MergeCounts(parts...)
	keys := slices.Sorted(maps.Keys(total))
	fmt.Println(len(keys), keys[:5])
	for _, p := range TopN(total, 4, func(a, b string) bool { return a < b }) {
		fmt.Printf("%s=%d ", p.Key, p.Val)
	}
	fmt.Println()
	sq := ParallelMap([]int{1, 2, 3, 4, 5, 6, 7}, 3, func(x int) int { return x * x })
	lens := ParallelMap(text, 4, func(s string) int { return len(s) })
	fmt.Println(sq, lens)
	upper := ParallelMap(keys[:3], 2, strings.ToUpper)
	fmt.Println(upper, TopN(map[int]int{1: 5, 2: 5, 3: 1}, 2, func(a, b int) bool { return a < b }))
}
