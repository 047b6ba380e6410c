// Backtracking: N-queens, permutations, and subsets, with slices shared
// and copied the way Go does it.
package main

import (
	"fmt"
	"strings"
)

func solveQueens(n int) [][]int {
	var out [][]int
	cols := make([]int, 0, n)
	var place func(row int)
	place = func(row int) {
		if row == n {
			out = append(out, append([]int(nil), cols...))
			return
		}
		for c := 0; c < n; c++ {
			ok := true
			for r, pc := range cols {
				if pc == c || r-pc == row-c || r+pc == row+c {
					ok = false
					break
				}
			}
			if ok {
				cols = append(cols, c)
				place(row + 1)
				cols = cols[:len(cols)-1]
			}
		}
	}
	place(0)
	return out
}

func board(sol []int) string {
	var sb strings.Builder
	for _, c := range sol {
		sb.WriteString(strings.Repeat(".", c) + "Q" + strings.Repeat(".", len(sol)-c-1) + "\n")
	}
	return sb.String()
}

func permutations(xs []string) [][]string {
	if len(xs) <= 1 {
		return [][]string{xs}
	}
	var out [][]string
	for i := range xs {
		rest := make([]string, 0, len(xs)-1)
		rest = append(rest, xs[:i]...)
		rest = append(rest, xs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{xs[i]}, p...))
		}
	}
	return out
}

func subsets(xs []int) (out [][]int) {
	var cur []int
	var rec func(i int)
	rec = func(i int) {
		if i == len(xs) {
			out = append(out, append([]int{}, cur...))
			return
		}
		rec(i + 1)
		cur = append(cur, xs[i])
		rec(i + 1)
		cur = cur[:len(cur)-1]
	}
	rec(0)
	return
}

func main() {
	for n := 4; n <= 8; n++ {
		fmt.Println(n, len(solveQueens(n)))
	}
	s := solveQueens(6)
	fmt.Print(board(s[0]))
	fmt.Println(s)
	ps := permutations([]string{"a", "b", "c"})
	fmt.Println(len(ps), ps)
	fmt.Println(subsets([]int{1, 2, 3}))
	a := []int{1, 2, 3}
	b := a[:2]
	b = append(b, 10)
	fmt.Println(a, b)
	b = append(b, 11)
	b[0] = 99
	fmt.Println(a, b)
}
