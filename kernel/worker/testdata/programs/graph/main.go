// Graph algorithms on adjacency maps: BFS shortest paths, DFS with
// cycle detection, topological sort, Dijkstra with container/heap, and
// connected components with union-find.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

type Graph map[string][]string

func (g Graph) AddEdge(a, b string) {
	g[a] = append(g[a], b)
	if _, ok := g[b]; !ok {
		g[b] = nil
	}
}

func (g Graph) Nodes() []string {
	ns := make([]string, 0, len(g))
	for n := range g {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

func (g Graph) BFS(start string) map[string]int {
	dist := map[string]int{start: 0}
	queue := []string{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range g[n] {
			if _, seen := dist[m]; !seen {
				dist[m] = dist[n] + 1
				queue = append(queue, m)
			}
		}
	}
	return dist
}

var ErrCycle = errors.New("graph has a cycle")

func (g Graph) TopoSort() ([]string, error) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var order []string
	var visit func(n string) error
	visit = func(n string) error {
		switch color[n] {
		case grey:
			return fmt.Errorf("at %s: %w", n, ErrCycle)
		case black:
			return nil
		}
		color[n] = grey
		next := slices.Clone(g[n])
		sort.Strings(next)
		for _, m := range next {
			if err := visit(m); err != nil {
				return err
			}
		}
		color[n] = black
		order = append(order, n)
		return nil
	}
	for _, n := range g.Nodes() {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	slices.Reverse(order)
	return order, nil
}

// cell

type edge struct {
	to string
	w  float64
}

type item struct {
	node string
	dist float64
}

type pq []item

func (q pq) Len() int           { return len(q) }
func (q pq) Less(i, j int) bool { return q[i].dist < q[j].dist }
func (q pq) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *pq) Push(x any)        { *q = append(*q, x.(item)) }
func (q *pq) Pop() any          { old := *q; x := old[len(old)-1]; *q = old[:len(old)-1]; return x }

func dijkstra(adj map[string][]edge, src string) (map[string]float64, map[string]string) {
	dist := map[string]float64{}
	prev := map[string]string{}
	for n := range adj {
		dist[n] = math.Inf(1)
	}
	dist[src] = 0
	q := &pq{{src, 0}}
	for q.Len() > 0 {
		it := heap.Pop(q).(item)
		if it.dist > dist[it.node] {
			continue
		}
		for _, e := range adj[it.node] {
			if d := it.dist + e.w; d < dist[e.to] {
				dist[e.to] = d
				prev[e.to] = it.node
				heap.Push(q, item{e.to, d})
			}
		}
	}
	return dist, prev
}

func path(prev map[string]string, to string) string {
	var p []string
	for n := to; n != ""; n = prev[n] {
		p = append(p, n)
	}
	slices.Reverse(p)
	return strings.Join(p, "->")
}

// cell

type UnionFind struct {
	parent map[string]string
	rank   map[string]int
}

func NewUF() *UnionFind { return &UnionFind{map[string]string{}, map[string]int{}} }

func (u *UnionFind) Find(x string) string {
	if _, ok := u.parent[x]; !ok {
		u.parent[x] = x
	}
	if u.parent[x] != x {
		u.parent[x] = u.Find(u.parent[x])
	}
	return u.parent[x]
}

func (u *UnionFind) Union(a, b string) bool {
	ra, rb := u.Find(a), u.Find(b)
	if ra == rb {
		return false
	}
	switch {
	case u.rank[ra] < u.rank[rb]:
		ra, rb = rb, ra
	case u.rank[ra] == u.rank[rb]:
		u.rank[ra]++
	}
	u.parent[rb] = ra
	return true
}

func main() {
	g := Graph{}
	for _, e := range [][2]string{{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"d", "e"}} {
		g.AddEdge(e[0], e[1])
	}
	dist := g.BFS("a")
	for _, n := range g.Nodes() {
		fmt.Print(n, ":", dist[n], " ")
	}
	fmt.Println()
	order, err := g.TopoSort()
	fmt.Println(order, err)
	g.AddEdge("e", "b")
	_, err = g.TopoSort()
	fmt.Println(err, errors.Is(err, ErrCycle))

	adj := map[string][]edge{
		"s": {{"a", 7}, {"b", 2}},
		"a": {{"t", 1}},
		"b": {{"a", 3}, {"t", 8}},
		"t": nil,
		"x": nil,
	}
	d, prev := dijkstra(adj, "s")
	for _, n := range []string{"a", "b", "t", "x"} {
		fmt.Printf("%s %.0f %s\n", n, d[n], path(prev, n))
	}
	uf := NewUF()
	merged := 0
	for _, p := range [][2]string{{"1", "2"}, {"3", "4"}, {"2", "3"}, {"1", "4"}, {"5", "6"}} {
		if uf.Union(p[0], p[1]) {
			merged++
		}
	}
	groups := map[string][]string{}
	for _, n := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		r := uf.Find(n)
		groups[r] = append(groups[r], n)
	}
	var sizes []int
	for _, g := range groups {
		sizes = append(sizes, len(g))
	}
	sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
	fmt.Println(merged, sizes)
}
