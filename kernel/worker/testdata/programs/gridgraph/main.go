// Generic graphs and queues over composite keys: a grid graph keyed by
// [2]int, breadth-first search returning paths, a priority queue on
// container/heap with a less func, and Dijkstra over both.
package main

import (
	"container/heap"
	"fmt"
	"slices"
	"strings"
)

// cell
type Graph[K comparable] struct {
	adj map[K][]Edge[K]
}

type Edge[K comparable] struct {
	To     K
	Weight int
}

func NewGraph[K comparable]() *Graph[K] { return &Graph[K]{adj: map[K][]Edge[K]{}} }

func (g *Graph[K]) Add(a, b K, w int) {
	g.adj[a] = append(g.adj[a], Edge[K]{b, w})
	g.adj[b] = append(g.adj[b], Edge[K]{a, w})
}

func (g *Graph[K]) BFS(start, goal K) []K {
	prev := map[K]K{}
	seen := map[K]bool{start: true}
	queue := []K{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == goal {
			path := []K{cur}
			for cur != start {
				cur = prev[cur]
				path = append(path, cur)
			}
			slices.Reverse(path)
			return path
		}
		for _, e := range g.adj[cur] {
			if !seen[e.To] {
				seen[e.To] = true
				prev[e.To] = cur
				queue = append(queue, e.To)
			}
		}
	}
	return nil
}

// cell
type PQ[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (q *PQ[T]) Len() int           { return len(q.items) }
func (q *PQ[T]) Less(i, j int) bool { return q.less(q.items[i], q.items[j]) }
func (q *PQ[T]) Swap(i, j int)      { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *PQ[T]) Push(x any)         { q.items = append(q.items, x.(T)) }
func (q *PQ[T]) Pop() any {
	n := len(q.items)
	v := q.items[n-1]
	q.items = q.items[:n-1]
	return v
}

type item[K comparable] struct {
	node K
	dist int
}

func Dijkstra[K comparable](g *Graph[K], start K) map[K]int {
	dist := map[K]int{start: 0}
	q := &PQ[item[K]]{less: func(a, b item[K]) bool { return a.dist < b.dist }}
	heap.Push(q, item[K]{start, 0})
	for q.Len() > 0 {
		it := heap.Pop(q).(item[K])
		if d, ok := dist[it.node]; ok && d < it.dist {
			continue
		}
		for _, e := range g.adj[it.node] {
			nd := it.dist + e.Weight
			if d, ok := dist[e.To]; !ok || nd < d {
				dist[e.To] = nd
				heap.Push(q, item[K]{e.To, nd})
			}
		}
	}
	return dist
}

// cell
func main() {
	grid := NewGraph[[2]int]()
	for x := 0; x < 3; x++ {
		for y := 0; y < 3; y++ {
			if x < 2 {
				grid.Add([2]int{x, y}, [2]int{x + 1, y}, 1+y)
			}
			if y < 2 {
				grid.Add([2]int{x, y}, [2]int{x, y + 1}, 1+x)
			}
		}
	}
	fmt.Println(grid.BFS([2]int{0, 0}, [2]int{2, 2}))
	d := Dijkstra(grid, [2]int{0, 0})
	fmt.Println(d[[2]int{2, 2}], d[[2]int{0, 2}], len(d))

	cities := NewGraph[string]()
	cities.Add("oslo", "bergen", 7)
	cities.Add("oslo", "trondheim", 6)
	cities.Add("bergen", "trondheim", 10)
	cities.Add("trondheim", "tromso", 16)
	fmt.Println(strings.Join(cities.BFS("bergen", "tromso"), "->"))
	dc := Dijkstra(cities, "bergen")
	keys := make([]string, 0, len(dc))
	for k := range dc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Print(k, "=", dc[k], " ")
	}
	fmt.Println()

	words := &PQ[[]string]{less: func(a, b []string) bool { return len(a) < len(b) }}
	for _, s := range []string{"a b c", "d", "e f"} {
		heap.Push(words, strings.Fields(s))
	}
	for words.Len() > 0 {
		fmt.Print(heap.Pop(words).([]string), " ")
	}
	fmt.Println(cities.BFS("oslo", "nowhere") == nil)
}
