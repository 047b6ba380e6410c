// Generic numeric code: a Number constraint with methods on a generic
// vector type, reductions returning named results, a generic matrix over
// float64 and int, and closures made by generic funcs.
package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// cell
type Number interface {
	~int | ~int64 | ~float32 | ~float64
}

type Vec[T Number] []T

func (v Vec[T]) Dot(w Vec[T]) (T, error) {
	if len(v) != len(w) {
		return 0, fmt.Errorf("dot: lengths %d and %d: %w", len(v), len(w), ErrShape)
	}
	var s T
	for i := range v {
		s += v[i] * w[i]
	}
	return s, nil
}

func (v Vec[T]) Scale(k T) Vec[T] {
	out := make(Vec[T], len(v))
	for i, x := range v {
		out[i] = x * k
	}
	return out
}

func (v Vec[T]) Norm() float64 {
	d, _ := v.Dot(v)
	return math.Sqrt(float64(d))
}

var ErrShape = errors.New("shape mismatch")

// cell
type Matrix[T Number] struct {
	rows, cols int
	data       []T
}

func NewMatrix[T Number](rows, cols int, vals ...T) (*Matrix[T], error) {
	if len(vals) != rows*cols {
		return nil, fmt.Errorf("new %dx%d from %d values: %w", rows, cols, len(vals), ErrShape)
	}
	return &Matrix[T]{rows, cols, vals}, nil
}

func (m *Matrix[T]) Row(i int) Vec[T] { return Vec[T](m.data[i*m.cols : (i+1)*m.cols]) }

func (m *Matrix[T]) Col(j int) Vec[T] {
	out := make(Vec[T], m.rows)
	for i := range m.rows {
		out[i] = m.data[i*m.cols+j]
	}
	return out
}

func (m *Matrix[T]) Mul(o *Matrix[T]) (res *Matrix[T], err error) {
	if m.cols != o.rows {
		return nil, fmt.Errorf("mul %dx%d by %dx%d: %w", m.rows, m.cols, o.rows, o.cols, ErrShape)
	}
	res = &Matrix[T]{m.rows, o.cols, make([]T, m.rows*o.cols)}
	for i := range m.rows {
		for j := range o.cols {
			res.data[i*o.cols+j], err = m.Row(i).Dot(o.Col(j))
			if err != nil {
				return nil, err
			}
		}
	}
	return
}

func (m *Matrix[T]) String() string {
	var b strings.Builder
	for i := range m.rows {
		fmt.Fprintln(&b, m.Row(i))
	}
	return strings.TrimSpace(b.String())
}

// cell
func Accumulator[T Number]() (func(T) T, func() int) {
	var sum T
	n := 0
	return func(x T) T { sum += x; n++; return sum }, func() int { return n }
}

func Map[T, U Number](v Vec[T], f func(T) U) Vec[U] {
	out := make(Vec[U], 0, len(v))
	for _, x := range v {
		out = append(out, f(x))
	}
	return out
}

// cell
func main() {
	v := Vec[float64]{3, 4}
	d, err := v.Dot(Vec[float64]{1, 2})
	fmt.Println(d, err, v.Norm(), v.Scale(0.5))
	_, err = v.Dot(Vec[float64]{1})
	fmt.Println(err, errors.Is(err, ErrShape))

	a, _ := NewMatrix(2, 3, 1, 2, 3, 4, 5, 6)
	b, _ := NewMatrix(3, 2, 7, 8, 9, 10, 11, 12)
	c, err := a.Mul(b)
	fmt.Println(c, err)
	fmt.Println(c.Col(1), a.Row(1).Norm())
	_, err = a.Mul(a)
	fmt.Println(err)
	_, err = NewMatrix[float64](2, 2, 1)
	fmt.Println(err)

	add, count := Accumulator[int]()
	for _, x := range []int{5, 6, 7} {
		add(x)
	}
	fmt.Println(add(0), count())
	fadd, _ := Accumulator[float32]()
	fadd(0.25)
	fmt.Println(fadd(0.5))
	halves := Map(Vec[int]{1, 2, 3}, func(x int) float64 { return float64(x) / 2 })
	fmt.Printf("%v %T\n", halves, halves)
}
