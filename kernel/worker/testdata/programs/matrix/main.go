// Arrays, slices of slices, value semantics and methods on named types.
package main

import (
	"fmt"
	"strings"
)

type Matrix [][]float64

type Vec [3]float64

// cell

func NewMatrix(r, c int) Matrix {
	m := make(Matrix, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

func Identity(n int) Matrix {
	m := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		m[i][i] = 1
	}
	return m
}

// cell

func (m Matrix) Mul(o Matrix) Matrix {
	out := NewMatrix(len(m), len(o[0]))
	for i := range m {
		for j := range o[0] {
			for k := range o {
				out[i][j] += m[i][k] * o[k][j]
			}
		}
	}
	return out
}

func (m Matrix) String() string {
	var sb strings.Builder
	for _, row := range m {
		sb.WriteString(fmt.Sprint(row))
		sb.WriteByte('\n')
	}
	return sb.String()
}

func (v Vec) Add(o Vec) Vec {
	for i := range v {
		v[i] += o[i]
	}
	return v
}

func (v *Vec) Scale(f float64) {
	for i := range v {
		v[i] *= f
	}
}

func (v Vec) Dot(o Vec) (s float64) {
	for i, x := range v {
		s += x * o[i]
	}
	return
}

func main() {
	a := Matrix{{1, 2}, {3, 4}}
	b := Matrix{{0, 1}, {1, 0}}
	fmt.Print(a.Mul(b))
	fmt.Print(a.Mul(Identity(2)))
	fmt.Println(a)
	v := Vec{1, 2, 3}
	w := v
	w[0] = 10
	u := v.Add(w)
	v.Scale(2)
	fmt.Println(v, w, u, v.Dot(w))
	grid := [3][3]rune{}
	for i := range grid {
		for j := range grid[i] {
			grid[i][j] = '.'
		}
	}
	grid[1][1] = 'X'
	g2 := grid
	g2[0][0] = 'O'
	for _, row := range grid {
		fmt.Println(string(row[:]))
	}
	fmt.Println(string(g2[0][:]), len(g2), cap(a[0]))
	s := []int{0, 1, 2, 3, 4, 5}
	t := s[1:3]
	t = append(t, 99)
	fmt.Println(s, t, len(t), cap(t))
	c := make([]int, 2, 10)
	copy(c, s[4:])
	fmt.Println(c, s[:0], s[len(s)-1:])
	full := s[1:2:2]
	full = append(full, 7)
	fmt.Println(s, full)
}
