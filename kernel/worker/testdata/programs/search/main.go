// Searching and ordering: binary search by hand and with sort and slices,
// a generic heap over container/heap, order statistics, and intervals.
package main

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"sort"
)

type Heap[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (h *Heap[T]) Len() int           { return len(h.items) }
func (h *Heap[T]) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *Heap[T]) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *Heap[T]) Push(x any)         { h.items = append(h.items, x.(T)) }
func (h *Heap[T]) Pop() any {
	n := len(h.items)
	x := h.items[n-1]
	h.items = h.items[:n-1]
	return x
}

func NewHeap[T any](less func(a, b T) bool, xs ...T) *Heap[T] {
	h := &Heap[T]{items: slices.Clone(xs), less: less}
	heap.Init(h)
	return h
}

func TopK[T any](xs []T, k int, less func(a, b T) bool) []T {
	h := NewHeap(less)
	for _, x := range xs {
		heap.Push(h, x)
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	out := make([]T, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(T)
	}
	return out
}

func lowerBound(xs []int, x int) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if xs[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

type Interval struct{ Lo, Hi int }

func merge(iv []Interval) []Interval {
	slices.SortFunc(iv, func(a, b Interval) int { return cmp.Compare(a.Lo, b.Lo) })
	var out []Interval
	for _, x := range iv {
		if n := len(out); n > 0 && x.Lo <= out[n-1].Hi {
			out[n-1].Hi = max(out[n-1].Hi, x.Hi)
			continue
		}
		out = append(out, x)
	}
	return out
}

type Person struct {
	Name string
	Age  int
}

func main() {
	xs := []int{1, 3, 3, 5, 8, 13, 21}
	for _, x := range []int{0, 3, 4, 21, 22} {
		i, found := slices.BinarySearch(xs, x)
		fmt.Print(x, ":", lowerBound(xs, x), i, found, sort.SearchInts(xs, x), " ")
	}
	fmt.Println()
	people := []Person{{"ann", 31}, {"bob", 25}, {"cid", 31}, {"dee", 19}}
	slices.SortStableFunc(people, func(a, b Person) int { return cmp.Compare(b.Age, a.Age) })
	fmt.Println(people)
	i, ok := slices.BinarySearchFunc([]Person{{"a", 1}, {"b", 5}, {"c", 9}}, 5, func(p Person, age int) int { return cmp.Compare(p.Age, age) })
	fmt.Println(i, ok)
	top := TopK([]int{5, 1, 9, 3, 7, 2, 8}, 3, func(a, b int) bool { return a < b })
	fmt.Println(top)
	oldest := TopK(people, 2, func(a, b Person) bool { return a.Age < b.Age })
	fmt.Println(oldest)
	h := NewHeap(func(a, b string) bool { return len(a) < len(b) }, "ccc", "a", "bb")
	heap.Push(h, "dddd")
	var order []string
	for h.Len() > 0 {
		order = append(order, heap.Pop(h).(string))
	}
	fmt.Println(order)
	fmt.Println(merge([]Interval{{5, 8}, {1, 3}, {2, 4}, {9, 10}, {8, 9}}))
	idx := sort.Search(100, func(i int) bool { return i*i >= 50 })
	fmt.Println(idx, slices.MinFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) }))
}
