// Conway's Game of Life on a torus: a grid type with methods, generations
// until a cycle is found (grids as map keys via their string), and a
// glider's travel.
package main

import (
	"fmt"
	"strings"
)

type Grid struct {
	w, h  int
	cells [][]bool
}

func NewGrid(w, h int) *Grid {
	g := &Grid{w: w, h: h, cells: make([][]bool, h)}
	for y := range g.cells {
		g.cells[y] = make([]bool, w)
	}
	return g
}

func Parse(rows ...string) *Grid {
	g := NewGrid(len(rows[0]), len(rows))
	for y, r := range rows {
		for x, c := range r {
			g.cells[y][x] = c == '#'
		}
	}
	return g
}

func (g *Grid) Alive(x, y int) bool {
	x = (x + g.w) % g.w
	y = (y + g.h) % g.h
	return g.cells[y][x]
}

func (g *Grid) Neighbors(x, y int) int {
	n := 0
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if (dx != 0 || dy != 0) && g.Alive(x+dx, y+dy) {
				n++
			}
		}
	}
	return n
}

func (g *Grid) Step() *Grid {
	next := NewGrid(g.w, g.h)
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			n := g.Neighbors(x, y)
			next.cells[y][x] = n == 3 || n == 2 && g.cells[y][x]
		}
	}
	return next
}

func (g *Grid) Population() (n int) {
	for _, row := range g.cells {
		for _, c := range row {
			if c {
				n++
			}
		}
	}
	return
}

func (g *Grid) String() string {
	var b strings.Builder
	for _, row := range g.cells {
		for _, c := range row {
			if c {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Cycle runs until a grid repeats and returns when it first appeared and
// the period.
func Cycle(g *Grid, limit int) (start, period int, ok bool) {
	seen := map[string]int{}
	for gen := 0; gen < limit; gen++ {
		k := g.String()
		if first, dup := seen[k]; dup {
			return first, gen - first, true
		}
		seen[k] = gen
		g = g.Step()
	}
	return 0, 0, false
}

func main() {
	blinker := Parse(".....", "..#..", "..#..", "..#..", ".....")
	fmt.Print(blinker.Step())
	fmt.Println(Cycle(blinker, 10))
	block := Parse("....", ".##.", ".##.", "....")
	fmt.Println(Cycle(block, 10))
	glider := Parse(
		".#......",
		"..#.....",
		"###.....",
		"........",
		"........",
		"........",
	)
	g := glider
	for i := 0; i < 4; i++ {
		g = g.Step()
	}
	fmt.Print(g)
	fmt.Println(g.Population(), glider.Population())
	start, period, ok := Cycle(glider, 100)
	fmt.Println(start, period, ok)
	r := Parse("..........", "...##.....", "..##......", "...#......", "..........", "..........", "..........", "..........")
	pops := []int{}
	for i := 0; i < 12; i++ {
		pops = append(pops, r.Population())
		r = r.Step()
	}
	fmt.Println(pops)
}
