// A small column store in cells: typed columns behind an interface, a
// generic column type over numbers and strings, group-by into maps of
// row indices, aggregations as func values, and multi-key sorting.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// cell
type Column interface {
	Name() string
	Len() int
	Format(i int) string
}

type Col[T cmp.Ordered] struct {
	name string
	vals []T
}

func NewCol[T cmp.Ordered](name string, vals ...T) *Col[T] { return &Col[T]{name, vals} }

func (c *Col[T]) Name() string        { return c.name }
func (c *Col[T]) Len() int            { return len(c.vals) }
func (c *Col[T]) Format(i int) string { return fmt.Sprint(c.vals[i]) }
func (c *Col[T]) At(i int) T          { return c.vals[i] }

func (c *Col[T]) Take(idx []int) *Col[T] {
	out := &Col[T]{name: c.name}
	for _, i := range idx {
		out.vals = append(out.vals, c.vals[i])
	}
	return out
}

// cell
type Table struct {
	cols []Column
}

func (t *Table) Add(c Column) *Table { t.cols = append(t.cols, c); return t }

func (t *Table) Col(name string) Column {
	for _, c := range t.cols {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

func (t *Table) String() string {
	var b strings.Builder
	widths := make([]int, len(t.cols))
	for j, c := range t.cols {
		widths[j] = len(c.Name())
		for i := range c.Len() {
			widths[j] = max(widths[j], len(c.Format(i)))
		}
	}
	for j, c := range t.cols {
		fmt.Fprintf(&b, "%-*s ", widths[j], c.Name())
	}
	b.WriteString("\n")
	n := 0
	if len(t.cols) > 0 {
		n = t.cols[0].Len()
	}
	for i := range n {
		for j, c := range t.cols {
			fmt.Fprintf(&b, "%-*s ", widths[j], c.Format(i))
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// cell
func GroupBy[K cmp.Ordered](c *Col[K]) (keys []K, rows map[K][]int) {
	rows = map[K][]int{}
	for i, v := range c.vals {
		if _, ok := rows[v]; !ok {
			keys = append(keys, v)
		}
		rows[v] = append(rows[v], i)
	}
	slices.Sort(keys)
	return keys, rows
}

type Agg[T cmp.Ordered] func([]T) T

func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Max[T cmp.Ordered](xs []T) T { return slices.Max(xs) }

func Aggregate[K, V cmp.Ordered](keys *Col[K], vals *Col[V], agg Agg[V]) *Table {
	ks, rows := GroupBy(keys)
	out := &Col[V]{name: vals.name}
	for _, k := range ks {
		out.vals = append(out.vals, agg(vals.Take(rows[k]).vals))
	}
	return (&Table{}).Add(NewCol(keys.name, ks...)).Add(out)
}

// cell
func main() {
	city := NewCol("city", "oslo", "rome", "oslo", "lima", "rome", "oslo")
	temp := NewCol("temp", 3.5, 18.0, -1.0, 22.5, 20.0, 4.0)
	rain := NewCol("rain", 10, 2, 7, 0, 1, 12)
	t := (&Table{}).Add(city).Add(temp).Add(rain)
	fmt.Println(t)
	fmt.Println(Aggregate(city, temp, Max[float64]))
	fmt.Println(Aggregate(city, rain, Sum[int]))
	fmt.Println(Aggregate(rain, city, func(xs []string) string { return strings.Join(xs, "+") }))

	idx := make([]int, city.Len())
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(city.At(a), city.At(b)), -cmp.Compare(temp.At(a), temp.At(b)))
	})
	sorted := (&Table{}).Add(city.Take(idx)).Add(temp.Take(idx))
	fmt.Println(sorted)
	if c, ok := t.Col("rain").(*Col[int]); ok {
		fmt.Println(c.At(0), Sum(c.vals), t.Col("nope") == nil)
	}
	_, isFloat := t.Col("rain").(*Col[float64])
	fmt.Println(isFloat)
}
