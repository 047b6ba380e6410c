// Comparable values of the program's types: structs and arrays as map
// keys, == on nested structs, switch on struct values, struct keys in
// sets, and interface values holding them compared.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

type Segment struct {
	A, B Point
}

type Cell [2]int

type Key struct {
	Name string
	Pos  Point
	Tags [2]string
}

type Color int

const (
	Red Color = iota
	Green
)

type Pixel struct {
	P Point
	C Color
}

func flood(grid []string, start Point) int {
	seen := map[Point]bool{start: true}
	queue := []Point{start}
	dirs := [4]Point{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, d := range dirs {
			n := p.Add(d)
			if n.Y < 0 || n.Y >= len(grid) || n.X < 0 || n.X >= len(grid[n.Y]) || grid[n.Y][n.X] == '#' || seen[n] {
				continue
			}
			seen[n] = true
			queue = append(queue, n)
		}
	}
	return len(seen)
}

func classify(p Point) string {
	switch p {
	case Point{}:
		return "origin"
	case Point{1, 0}, Point{0, 1}:
		return "unit"
	}
	switch {
	case p.X == p.Y:
		return "diagonal"
	}
	return "other"
}

func main() {
	grid := []string{
		"..#..",
		".##..",
		"....#",
		"#.#..",
	}
	fmt.Println(flood(grid, Point{0, 0}), flood(grid, Point{4, 0}))

	segs := map[Segment]int{}
	for _, s := range []Segment{{Point{0, 0}, Point{1, 1}}, {Point{1, 1}, Point{0, 0}}, {Point{0, 0}, Point{1, 1}}} {
		segs[s]++
	}
	fmt.Println(len(segs), segs[Segment{Point{0, 0}, Point{1, 1}}], segs[Segment{B: Point{1, 1}}])

	cells := map[Cell]string{{0, 0}: "a", {1, 2}: "b"}
	c := Cell{1, 2}
	c2 := c
	c2[0] = 9
	fmt.Println(cells[c], cells[c2] == "", c == Cell{1, 2}, c2 != c)

	k1 := Key{"x", Point{1, 2}, [2]string{"a", "b"}}
	k2 := k1
	k2.Tags[1] = "c"
	index := map[Key]int{k1: 1, k2: 2}
	fmt.Println(k1 == k2, len(index), index[Key{"x", Point{1, 2}, [2]string{"a", "b"}}])

	for _, p := range []Point{{}, {1, 0}, {0, 1}, {3, 3}, {2, 5}} {
		fmt.Print(classify(p), " ")
	}
	fmt.Println()

	pixels := map[Pixel]bool{{Point{1, 1}, Red}: true, {Point{1, 1}, Green}: true}
	fmt.Println(len(pixels), pixels[Pixel{Point{1, 1}, Green}], pixels[Pixel{Point{1, 1}, 2}])

	var a, b any = Point{1, 2}, Point{1, 2}
	var d any = Pixel{Point{1, 2}, Red}
	fmt.Println(a == b, a == d, a != nil)

	type pair struct {
		k string
		v int
	}
	counts := map[pair]int{}
	for _, w := range strings.Fields("a b a c b a") {
		counts[pair{w, len(w)}]++
	}
	keys := make([]pair, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].k < keys[j].k })
	for _, k := range keys {
		fmt.Print(k.k, "=", counts[k], " ")
	}
	fmt.Println()
	arr := [3]Point{{1, 1}, {2, 2}}
	arr2 := arr
	arr2[2] = Point{0, 0}
	fmt.Println(arr == arr2, arr, len(map[[3]Point]bool{arr: true, arr2: true}))
}
