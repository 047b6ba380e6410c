// Control flow Go has beyond if and for: labeled break and continue, goto,
// fallthrough, switch with init, arrays and structs as map keys, struct
// equality, variadic funcs, multiple results, closures over named results.
package main

import (
	"fmt"
	"strings"
)

type Point struct{ X, Y int }

type Grid [3][3]byte

func findPair(xs []int, target int) (i, j int, ok bool) {
outer:
	for i = range xs {
		for j = i + 1; j < len(xs); j++ {
			if xs[i]+xs[j] == target {
				ok = true
				break outer
			}
			if xs[i]+xs[j] > 100 {
				continue outer
			}
		}
	}
	return
}

func grade(score int) string {
	switch s := score / 10; s {
	case 10:
		fallthrough
	case 9:
		return "A"
	case 8, 7:
		return "B"
	case 6:
		return "C"
	default:
		if s < 0 {
			return "?"
		}
		return "F"
	}
}

func collatz(n int) (steps int) {
loop:
	if n == 1 {
		return
	}
	steps++
	if n%2 == 0 {
		n /= 2
	} else {
		n = 3*n + 1
	}
	goto loop
}

func sum(label string, xs ...int) string {
	t := 0
	for _, x := range xs {
		t += x
	}
	return fmt.Sprintf("%s=%d(%d)", label, t, len(xs))
}

func divmod(a, b int) (q, r int, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("divmod(%d, %d): %v", a, b, e)
		}
	}()
	q, r = a/b, a%b
	return
}

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 0 }
}

func winner(g Grid) byte {
	lines := [][3]Point{}
	for i := 0; i < 3; i++ {
		lines = append(lines, [3]Point{{i, 0}, {i, 1}, {i, 2}}, [3]Point{{0, i}, {1, i}, {2, i}})
	}
	lines = append(lines, [3]Point{{0, 0}, {1, 1}, {2, 2}}, [3]Point{{0, 2}, {1, 1}, {2, 0}})
	for _, l := range lines {
		a, b, c := g[l[0].X][l[0].Y], g[l[1].X][l[1].Y], g[l[2].X][l[2].Y]
		if a != ' ' && a == b && b == c {
			return a
		}
	}
	return '-'
}

func main() {
	fmt.Println(findPair([]int{3, 9, 14, 5, 20}, 19))
	fmt.Println(findPair([]int{1, 2}, 10))
	for _, s := range []int{100, 95, 81, 70, 64, 12, -5} {
		fmt.Print(grade(s), " ")
	}
	fmt.Println()
	fmt.Println(collatz(27), collatz(1))
	nums := []int{1, 2, 3}
	fmt.Println(sum("none"), sum("three", 1, 2, 3), sum("spread", nums...))
	fmt.Println(divmod(17, 5))
	fmt.Println(divmod(1, 0))

	next, reset := counter()
	next()
	next()
	fmt.Print(next(), " ")
	reset()
	fmt.Println(next())

	visits := map[Point]int{}
	path := []Point{{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1}, {0, 0}}
	for _, p := range path {
		visits[p]++
	}
	fmt.Println(visits[Point{0, 0}], visits[Point{1, 1}], len(visits), Point{1, 2} == Point{1, 2})

	seen := map[[2]string]bool{}
	for _, pair := range [][2]string{{"a", "b"}, {"b", "a"}, {"a", "b"}} {
		if seen[pair] {
			fmt.Println("again", pair)
		}
		seen[pair] = true
	}

	var g Grid
	for i := range g {
		for j := range g[i] {
			g[i][j] = ' '
		}
	}
	moves := []Point{{1, 1}, {0, 0}, {2, 2}, {0, 2}, {0, 1}, {2, 1}, {1, 0}, {1, 2}, {2, 0}}
	turn := byte('X')
	for n, m := range moves {
		g[m.X][m.Y] = turn
		if w := winner(g); w != '-' {
			fmt.Printf("%c wins after %d moves\n", w, n+1)
			break
		}
		turn = map[byte]byte{'X': 'O', 'O': 'X'}[turn]
	}
	g2 := g
	g2[0][0] = '#'
	fmt.Println(g == g2, string(g[0][:]), string(g2[0][:]))
	for _, row := range g {
		fmt.Println(strings.ReplaceAll(string(row[:]), " ", "."))
	}

	i := 0
	for {
		i++
		if i%2 == 0 {
			continue
		}
		if i > 7 {
			break
		}
		fmt.Print(i)
	}
	fmt.Println()
	switch {
	case i > 5 && i < 10:
		fmt.Println("mid", i)
	case i >= 10:
		fmt.Println("high")
	}
	x := []string{"a"}
	switch len(x) {
	case 0:
	case 1:
		fmt.Println("one")
	}
	type kv struct {
		k string
		v int
	}
	a, b := kv{"x", 1}, kv{"x", 1}
	fmt.Println(a == b, a != kv{"y", 1}, [2]kv{a, b} == [2]kv{b, a})
}
