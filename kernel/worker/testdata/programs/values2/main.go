// Value semantics: arrays copied by assignment and by range, arrays and
// structs as map keys, struct comparison, named results changed by
// deferred funcs, switch with fallthrough, shadowing in if/else chains,
// and method values bound to copies.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Grid [3][3]int

func (g Grid) Transposed() Grid {
	for i := range 3 {
		for j := i + 1; j < 3; j++ {
			g[i][j], g[j][i] = g[j][i], g[i][j]
		}
	}
	return g
}

func (g *Grid) Fill(v int) {
	for i := range g {
		for j := range g[i] {
			g[i][j] = v + i*3 + j
		}
	}
}

type Coord struct{ X, Y int }

type Span struct {
	From, To Coord
}

func (s Span) Len() int {
	dx, dy := s.To.X-s.From.X, s.To.Y-s.From.Y
	return max(dx, -dx) + max(dy, -dy)
}

// cell
func classify(n int) (kind string, err error) {
	defer func() {
		if r := recover(); r != nil {
			kind, err = "panic", fmt.Errorf("classify %d: %v", n, r)
		}
	}()
	defer func() {
		if err == nil {
			kind = strings.ToUpper(kind)
		}
	}()
	switch {
	case n < 0:
		return "", errors.New("negative")
	case n == 0:
		panic("zero")
	case n%15 == 0:
		kind = "fizzbuzz"
	case n%3 == 0:
		kind = "fizz"
	case n%5 == 0:
		kind = "buzz"
	default:
		kind = fmt.Sprint(n)
	}
	return
}

func grade(score int) []string {
	var got []string
	switch {
	case score >= 90:
		got = append(got, "A")
		fallthrough
	case score >= 80:
		got = append(got, "B+")
		fallthrough
	case score >= 70:
		got = append(got, "pass")
	default:
		got = append(got, "fail")
	}
	return got
}

// cell
type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }

func main() {
	var g Grid
	g.Fill(1)
	t := g.Transposed()
	h := g
	h[0][0] = 100
	fmt.Println(g[0], t[0], h[0], g == t.Transposed(), g != h)

	rows := [][3]int{{3, 1, 2}, {1, 1, 1}}
	for _, r := range rows {
		r[0] = 0 // a copy
	}
	for i := range rows {
		sort.Ints(rows[i][:])
	}
	fmt.Println(rows)

	seen := map[Span]int{}
	spans := []Span{{Coord{0, 0}, Coord{2, 3}}, {Coord{1, 1}, Coord{1, 1}}, {Coord{0, 0}, Coord{2, 3}}}
	for _, s := range spans {
		seen[s]++
	}
	byArr := map[[2]string]bool{{"a", "b"}: true}
	fmt.Println(len(seen), seen[spans[0]], spans[0].Len(), byArr[[2]string{"a", "b"}], byArr[[2]string{"b", "a"}])

	for _, n := range []int{3, 5, 15, 7, -1, 0} {
		k, err := classify(n)
		fmt.Printf("%d:%s:%v ", n, k, err)
	}
	fmt.Println()
	fmt.Println(grade(95), grade(85), grade(72), grade(10))

	x := 1
	if x := x * 10; x > 5 {
		x++
		fmt.Println("inner", x)
	} else if y := x - 1; y > 0 {
		fmt.Println("never", y)
	}
	fmt.Println("outer", x)

	c := Counter{}
	get := c.Get // bound to a copy
	inc := c.Inc // bound to &c
	inc()
	inc()
	fmt.Println(get(), c.Get(), c.n)
	cs := []Counter{{1}, {2}}
	for i := range cs {
		cs[i].Inc()
	}
	for _, cc := range cs {
		cc.Inc()
	}
	fmt.Println(cs)
}
