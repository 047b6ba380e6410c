// Shortest paths on a weighted graph of generic vertices: a generic
// priority queue on container/heap, Dijkstra with path reconstruction,
// A* on a grid with a Manhattan heuristic, and Prim's spanning tree.
package main

import (
	"container/heap"
	"fmt"
	"math"
	"slices"
	"strings"
)

type Item[T any] struct {
	Value    T
	Priority float64
	index    int
}

type PQ[T any] []*Item[T]

func (q PQ[T]) Len() int           { return len(q) }
func (q PQ[T]) Less(i, j int) bool { return q[i].Priority < q[j].Priority }
func (q PQ[T]) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *PQ[T]) Push(x any) {
	it := x.(*Item[T])
	it.index = len(*q)
	*q = append(*q, it)
}
func (q *PQ[T]) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	it.index = -1
	return it
}

type Edge[V comparable] struct {
	To     V
	Weight float64
}

type Graph[V comparable] struct {
	adj   map[V][]Edge[V]
	order []V
}

func NewGraph[V comparable]() *Graph[V] { return &Graph[V]{adj: map[V][]Edge[V]{}} }

func (g *Graph[V]) addVertex(v V) {
	if _, ok := g.adj[v]; !ok {
		g.adj[v] = nil
		g.order = append(g.order, v)
	}
}

func (g *Graph[V]) Connect(a, b V, w float64) {
	g.addVertex(a)
	g.addVertex(b)
	g.adj[a] = append(g.adj[a], Edge[V]{b, w})
	g.adj[b] = append(g.adj[b], Edge[V]{a, w})
}

func Dijkstra[V comparable](g *Graph[V], src V) (map[V]float64, map[V]V) {
	dist := map[V]float64{src: 0}
	prev := map[V]V{}
	q := &PQ[V]{}
	heap.Push(q, &Item[V]{Value: src})
	for q.Len() > 0 {
		it := heap.Pop(q).(*Item[V])
		if it.Priority > dist[it.Value] {
			continue
		}
		for _, e := range g.adj[it.Value] {
			nd := dist[it.Value] + e.Weight
			if d, ok := dist[e.To]; !ok || nd < d {
				dist[e.To] = nd
				prev[e.To] = it.Value
				heap.Push(q, &Item[V]{Value: e.To, Priority: nd})
			}
		}
	}
	return dist, prev
}

func Path[V comparable](prev map[V]V, src, dst V) []V {
	path := []V{dst}
	for path[len(path)-1] != src {
		p, ok := prev[path[len(path)-1]]
		if !ok {
			return nil
		}
		path = append(path, p)
	}
	slices.Reverse(path)
	return path
}

func Prim[V comparable](g *Graph[V]) (float64, int) {
	if len(g.order) == 0 {
		return 0, 0
	}
	in := map[V]bool{}
	q := &PQ[Edge[V]]{}
	heap.Push(q, &Item[Edge[V]]{Value: Edge[V]{g.order[0], 0}})
	total, edges := 0.0, 0
	for q.Len() > 0 {
		e := heap.Pop(q).(*Item[Edge[V]]).Value
		if in[e.To] {
			continue
		}
		in[e.To] = true
		total += e.Weight
		edges++
		for _, n := range g.adj[e.To] {
			if !in[n.To] {
				heap.Push(q, &Item[Edge[V]]{Value: n, Priority: n.Weight})
			}
		}
	}
	return total, edges - 1
}

type Cell struct{ R, C int }

func AStar(grid []string, start, goal Cell) (int, bool) {
	h := func(c Cell) float64 { return math.Abs(float64(c.R-goal.R)) + math.Abs(float64(c.C-goal.C)) }
	cost := map[Cell]int{start: 0}
	q := &PQ[Cell]{}
	heap.Push(q, &Item[Cell]{Value: start, Priority: h(start)})
	for q.Len() > 0 {
		cur := heap.Pop(q).(*Item[Cell]).Value
		if cur == goal {
			return cost[cur], true
		}
		for _, d := range []Cell{{0, 1}, {1, 0}, {0, -1}, {-1, 0}} {
			n := Cell{cur.R + d.R, cur.C + d.C}
			if n.R < 0 || n.R >= len(grid) || n.C < 0 || n.C >= len(grid[0]) || grid[n.R][n.C] == '#' {
				continue
			}
			if c, seen := cost[n]; !seen || cost[cur]+1 < c {
				cost[n] = cost[cur] + 1
				heap.Push(q, &Item[Cell]{Value: n, Priority: float64(cost[n]) + h(n)})
			}
		}
	}
	return 0, false
}

func main() {
	g := NewGraph[string]()
	for _, e := range strings.Fields("A-B:4 A-C:2 B-C:5 B-D:10 C-E:3 E-D:4 D-F:11 E-F:20") {
		var a, b string
		var w float64
		parts := strings.FieldsFunc(e, func(r rune) bool { return r == '-' || r == ':' })
		a, b = parts[0], parts[1]
		fmt.Sscan(parts[2], &w)
		g.Connect(a, b, w)
	}
	dist, prev := Dijkstra(g, "A")
	for _, v := range g.order {
		fmt.Printf("%s:%g ", v, dist[v])
	}
	fmt.Println()
	fmt.Println(Path(prev, "A", "F"), Path(prev, "A", "D"), Path(prev, "A", "Z"))
	fmt.Println(Prim(g))

	ig := NewGraph[int]()
	for i := 1; i < 6; i++ {
		ig.Connect(i, i+1, float64(i))
		ig.Connect(i, (i+2)%6+1, 10)
	}
	d2, p2 := Dijkstra(ig, 1)
	fmt.Println(d2[6], Path(p2, 1, 6))

	grid := []string{
		"....#...",
		".##.#.#.",
		".#..#.#.",
		".#.##.#.",
		"...#..#.",
		".#...#..",
	}
	fmt.Println(AStar(grid, Cell{0, 0}, Cell{5, 7}))
	fmt.Println(AStar(grid, Cell{0, 0}, Cell{0, 5}))
	fmt.Println(AStar([]string{".#", "#."}, Cell{0, 0}, Cell{1, 1}))
}
