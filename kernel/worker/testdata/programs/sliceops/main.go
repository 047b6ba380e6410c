// Slices, arrays and maps as values and as views: aliasing through
// append and capacity, full slice expressions, copy, arrays copied by
// value, deleting while ranging, maps of slices, clear, and 2D grids.
package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

func appendAlias() {
	a := make([]int, 3, 4)
	b := append(a, 1)
	c := append(a, 2)
	fmt.Println(a, b, c, len(b), cap(b))
	d := a[:2:2]
	e := append(d, 9)
	e[0] = 100
	fmt.Println(a, d, e, cap(d))
}

func removeAt(s []string, i int) []string {
	return append(s[:i], s[i+1:]...)
}

func insertAt(s []string, i int, v string) []string {
	s = append(s, "")
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func filterInPlace(xs []int, keep func(int) bool) []int {
	out := xs[:0]
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

type Matrix [3][3]int

func (m Matrix) Transposed() Matrix {
	var t Matrix
	for i := range m {
		for j := range m[i] {
			t[j][i] = m[i][j]
		}
	}
	return t
}

func (m *Matrix) Scale(k int) {
	for i := range m {
		for j := range m[i] {
			m[i][j] *= k
		}
	}
}

func main() {
	appendAlias()
	s := []string{"a", "b", "c", "d"}
	s = removeAt(s, 1)
	s = insertAt(s, 2, "X")
	fmt.Println(s, len(s))
	xs := []int{1, 2, 3, 4, 5, 6}
	evens := filterInPlace(xs, func(x int) bool { return x%2 == 0 })
	fmt.Println(evens, xs)

	src := []int{1, 2, 3}
	dst := make([]int, 2)
	n := copy(dst, src)
	fmt.Println(n, dst, copy(src, []int{9}), src)
	bs := make([]byte, 3)
	copy(bs, "hey!")
	fmt.Println(string(bs))

	m := Matrix{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	t := m.Transposed()
	m2 := m
	m2.Scale(10)
	fmt.Println(m[0], t[0], m2[2], m == t.Transposed())

	grid := make([][]rune, 3)
	for i := range grid {
		grid[i] = []rune("...")
	}
	grid[1][2] = '#'
	row := grid[1]
	row[0] = '@'
	for _, r := range grid {
		fmt.Print(string(r), " ")
	}
	fmt.Println()

	ages := map[string]int{"ann": 30, "bob": 17, "cid": 15, "dee": 44}
	for k, v := range ages {
		if v < 18 {
			delete(ages, k)
		}
	}
	fmt.Println(len(ages), slices.Sorted(maps.Keys(ages)))

	groups := map[bool][]string{}
	for _, w := range []string{"apple", "kiwi", "banana", "fig", "cherry"} {
		long := len(w) > 4
		groups[long] = append(groups[long], w)
	}
	fmt.Println(groups[true], groups[false])

	counts := map[[2]int]int{}
	for _, p := range [][2]int{{0, 0}, {1, 2}, {0, 0}} {
		counts[p]++
	}
	fmt.Println(counts[[2]int{0, 0}], len(counts))
	clear(counts)
	big := []int{5, 6, 7}
	clear(big)
	fmt.Println(len(counts), big)

	type pair struct {
		k string
		v int
	}
	var ps []pair
	for k, v := range map[string]int{"x": 3, "y": 1, "z": 2} {
		ps = append(ps, pair{k, v})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].v < ps[j].v })
	fmt.Println(ps)
	var nilSlice []int
	empty := []int{}
	fmt.Println(nilSlice == nil, empty == nil, len(nilSlice), append(nilSlice, 1), slices.Equal(nilSlice, empty))
	arr := [5]int{1, 2, 3, 4, 5}
	sl := arr[1:3]
	sl = append(sl, 99)
	fmt.Println(arr, sl, cap(sl))
	ptr := &arr
	ptr[0] = -1
	fmt.Println(arr[0], len(ptr))
}
