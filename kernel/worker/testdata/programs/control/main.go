// Control flow: labeled break and continue across nested loops and
// switches, goto, fallthrough, switch with init, defer in loops, and
// shadowing.
package main

import (
	"fmt"
	"strings"
)

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	case n%2 == 0:
		return "even"
	}
	return "odd"
}

func grade(score int) (g string) {
	switch s := score / 10; s {
	case 10, 9:
		g = "A"
	case 8:
		g = "B"
		fallthrough
	case 7:
		g += "C"
	default:
		g = "F"
	}
	return
}

func findPair(grid [][]int, target int) (int, int, bool) {
outer:
	for i, row := range grid {
		for j, v := range row {
			switch {
			case v < 0:
				continue outer
			case v == target:
				return i, j, true
			case v > 100:
				break outer
			}
		}
	}
	return -1, -1, false
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

func deferOrder() (out []string) {
	for i := range 3 {
		defer func(n int) { out = append(out, fmt.Sprint("a", n)) }(i)
	}
	func() {
		defer func() { out = append(out, "inner") }()
	}()
	out = append(out, "body")
	return out
}

func main() {
	var cs []string
	for _, n := range []int{-3, 0, 4, 7} {
		cs = append(cs, classify(n))
	}
	fmt.Println(strings.Join(cs, ","))
	fmt.Println(grade(95), grade(85), grade(72), grade(10))
	grid := [][]int{{1, -1, 5}, {2, 3, 4}, {101, 6}}
	fmt.Println(findPair(grid, 5))
	fmt.Println(findPair(grid, 3))
	fmt.Println(findPair(grid, 6))
	fmt.Println(collatz(27), collatz(1))
	fmt.Println(deferOrder())
	x := 1
	{
		x := 2
		x++
		_ = x
	}
	if x := 10; x > 5 {
		fmt.Println("inner", x)
	}
	fmt.Println("outer", x)
	total := 0
	for i := 0; i < 10; i++ {
		if i%3 == 0 {
			continue
		}
		if i > 7 {
			break
		}
		total += i
	}
	fmt.Println(total)
	n := 0
	for n < 5 {
		n += 2
	}
	var k int
	for k = range 4 {
	}
	fmt.Println(n, k)
	matrix := [3][3]int{}
	for i := range matrix {
		for j := range matrix[i] {
			if i == j {
				continue
			}
			matrix[i][j] = i*3 + j
		}
	}
	fmt.Println(matrix)
	sw := func(v any) string {
		switch t := v.(type) {
		case int, int64:
			return fmt.Sprintf("int-ish %v", t)
		case string:
			if t == "" {
				break
			}
			return "str " + t
		case nil:
			return "nil"
		}
		return "other"
	}
	fmt.Println(sw(1), sw(int64(2)), sw("a"), sw(""), sw(nil), sw(1.5))
}
