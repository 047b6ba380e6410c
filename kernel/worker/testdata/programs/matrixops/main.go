// Linear algebra over a generic Number: a matrix type with value and
// pointer methods, Gaussian elimination with partial pivoting on float64,
// exact determinants on big.Rat, and errors for singular systems.
package main

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Matrix[T Number] struct {
	r, c int
	data []T
}

func New[T Number](r, c int, vals ...T) Matrix[T] {
	m := Matrix[T]{r, c, make([]T, r*c)}
	copy(m.data, vals)
	return m
}

func Identity[T Number](n int) Matrix[T] {
	m := New[T](n, n)
	for i := range n {
		m.Set(i, i, 1)
	}
	return m
}

func (m Matrix[T]) At(i, j int) T      { return m.data[i*m.c+j] }
func (m *Matrix[T]) Set(i, j int, v T) { m.data[i*m.c+j] = v }

var ErrShape = errors.New("shape mismatch")

func (m Matrix[T]) Mul(o Matrix[T]) (Matrix[T], error) {
	if m.c != o.r {
		return Matrix[T]{}, fmt.Errorf("%dx%d * %dx%d: %w", m.r, m.c, o.r, o.c, ErrShape)
	}
	out := New[T](m.r, o.c)
	for i := range m.r {
		for j := range o.c {
			var s T
			for k := range m.c {
				s += m.At(i, k) * o.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out, nil
}

func (m Matrix[T]) T() Matrix[T] {
	out := New[T](m.c, m.r)
	for i := range m.r {
		for j := range m.c {
			out.Set(j, i, m.At(i, j))
		}
	}
	return out
}

func (m Matrix[T]) String() string {
	var b strings.Builder
	for i := range m.r {
		for j := range m.c {
			if j > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%v", m.At(i, j))
		}
		if i < m.r-1 {
			b.WriteString("; ")
		}
	}
	return "[" + b.String() + "]"
}

var ErrSingular = errors.New("singular matrix")

func Solve(a Matrix[float64], b []float64) ([]float64, error) {
	n := a.r
	m := New[float64](n, n+1)
	for i := range n {
		for j := range n {
			m.Set(i, j, a.At(i, j))
		}
		m.Set(i, n, b[i])
	}
	for col := range n {
		pivot := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m.At(r, col)) > math.Abs(m.At(pivot, col)) {
				pivot = r
			}
		}
		if math.Abs(m.At(pivot, col)) < 1e-12 {
			return nil, fmt.Errorf("column %d: %w", col, ErrSingular)
		}
		for j := 0; j <= n; j++ {
			x, y := m.At(col, j), m.At(pivot, j)
			m.Set(col, j, y)
			m.Set(pivot, j, x)
		}
		for r := range n {
			if r == col {
				continue
			}
			f := m.At(r, col) / m.At(col, col)
			for j := col; j <= n; j++ {
				m.Set(r, j, m.At(r, j)-f*m.At(col, j))
			}
		}
	}
	x := make([]float64, n)
	for i := range n {
		x[i] = math.Round(m.At(i, n)/m.At(i, i)*1e9) / 1e9
	}
	return x, nil
}

func Det(rows [][]int64) *big.Rat {
	n := len(rows)
	m := make([][]*big.Rat, n)
	for i, row := range rows {
		m[i] = make([]*big.Rat, n)
		for j, v := range row {
			m[i][j] = big.NewRat(v, 1)
		}
	}
	det := big.NewRat(1, 1)
	for col := range n {
		p := -1
		for r := col; r < n; r++ {
			if m[r][col].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return new(big.Rat)
		}
		if p != col {
			m[p], m[col] = m[col], m[p]
			det.Neg(det)
		}
		det.Mul(det, m[col][col])
		for r := col + 1; r < n; r++ {
			f := new(big.Rat).Quo(m[r][col], m[col][col])
			for j := col; j < n; j++ {
				m[r][j].Sub(m[r][j], new(big.Rat).Mul(f, m[col][j]))
			}
		}
	}
	return det
}

type Score int64

func main() {
	a := New(2, 3, 1, 2, 3, 4, 5, 6)
	b := a.T()
	p, err := a.Mul(b)
	fmt.Println(a, b, p, err)
	_, err = a.Mul(a)
	fmt.Println(err, errors.Is(err, ErrShape))
	id := Identity[float64](3)
	id.Set(0, 2, 0.5)
	fmt.Println(id, Identity[Score](2))

	sys := New(3, 3, 2.0, 1, -1, -3, -1, 2, -2, 1, 2)
	x, err := Solve(sys, []float64{8, -11, -3})
	fmt.Println(x, err)
	_, err = Solve(New(2, 2, 1.0, 2, 2, 4), []float64{1, 2})
	fmt.Println(err, errors.Is(err, ErrSingular))
	fmt.Println(Det([][]int64{{2, 0, 1}, {1, 3, 2}, {1, 1, 1}}), Det([][]int64{{1, 2}, {2, 4}}), Det([][]int64{{0, 1}, {1, 0}}))
	scores := New[Score](1, 3, 10, 20, 30)
	sum, _ := scores.Mul(New[Score](3, 1, 1, 1, 1))
	fmt.Printf("%v %T\n", sum, sum.At(0, 0))
}
