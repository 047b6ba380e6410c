// Generic numeric code: a matrix over a Number constraint with methods
// returning matrices, a generic vector type, reductions, and a generic
// type embedding another.
package main

import (
	"errors"
	"fmt"
	"strings"
)

type Number interface {
	~int | ~int32 | ~int64 | ~float32 | ~float64
}

type Matrix[T Number] struct {
	rows, cols int
	data       []T
}

func NewMatrix[T Number](rows, cols int, vals ...T) (*Matrix[T], error) {
	if len(vals) != 0 && len(vals) != rows*cols {
		return nil, fmt.Errorf("need %d values, got %d", rows*cols, len(vals))
	}
	m := &Matrix[T]{rows: rows, cols: cols, data: make([]T, rows*cols)}
	copy(m.data, vals)
	return m, nil
}

func (m *Matrix[T]) At(i, j int) T     { return m.data[i*m.cols+j] }
func (m *Matrix[T]) Set(i, j int, v T) { m.data[i*m.cols+j] = v }

var ErrShape = errors.New("shape mismatch")

func (m *Matrix[T]) Mul(o *Matrix[T]) (*Matrix[T], error) {
	if m.cols != o.rows {
		return nil, fmt.Errorf("%dx%d * %dx%d: %w", m.rows, m.cols, o.rows, o.cols, ErrShape)
	}
	out, _ := NewMatrix[T](m.rows, o.cols)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < o.cols; j++ {
			var s T
			for k := 0; k < m.cols; k++ {
				s += m.At(i, k) * o.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out, nil
}

func (m *Matrix[T]) Transpose() *Matrix[T] {
	out, _ := NewMatrix[T](m.cols, m.rows)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			out.Set(j, i, m.At(i, j))
		}
	}
	return out
}

func (m *Matrix[T]) String() string {
	var sb strings.Builder
	for i := 0; i < m.rows; i++ {
		sb.WriteString(fmt.Sprint(m.data[i*m.cols : (i+1)*m.cols]))
		if i < m.rows-1 {
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

type Vec[T Number] []T

func (v Vec[T]) Dot(o Vec[T]) T {
	var s T
	for i := range v {
		s += v[i] * o[i]
	}
	return s
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type Named[T Number] struct {
	Matrix[T]
	Name string
}

type Meters float64

func main() {
	a, _ := NewMatrix(2, 3, 1, 2, 3, 4, 5, 6)
	b := a.Transpose()
	c, err := a.Mul(b)
	fmt.Println(c, err)
	fmt.Println(b)
	_, err = a.Mul(a)
	fmt.Println(err, errors.Is(err, ErrShape))
	_, err = NewMatrix[float64](2, 2, 1, 2, 3)
	fmt.Println(err)
	f, _ := NewMatrix(1, 2, 0.5, 1.5)
	g, _ := f.Mul(f.Transpose())
	fmt.Println(g.At(0, 0))
	v := Vec[int]{1, 2, 3}
	fmt.Println(v.Dot(v), Sum(v...), Sum(1.5, 2.5), Sum[Meters](1, 2))
	n := Named[int]{Name: "id"}
	n.rows, n.cols, n.data = 1, 1, []int{7}
	fmt.Println(n.Name, n.At(0, 0), n.Transpose().At(0, 0))
}
