// Formatting tables by hand: column widths from data, alignment by type,
// unicode box drawing, and totals, with fmt's width and precision.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

type Row struct {
	Object string
	Band   string
	Mag    float64
	N      int
	Flag   bool
}

type Table struct {
	Head []string
	Rows [][]string
	num  []bool
}

func NewTable(head ...string) *Table { return &Table{Head: head, num: make([]bool, len(head))} }

func (t *Table) Add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case float64:
			row[i] = strconv.FormatFloat(v, 'f', 2, 64)
			t.num[i] = true
		case int:
			row[i] = strconv.Itoa(v)
			t.num[i] = true
		case bool:
			row[i] = map[bool]string{true: "✓", false: "·"}[v]
		case fmt.Stringer:
			row[i] = v.String()
		default:
			row[i] = fmt.Sprint(v)
		}
	}
	t.Rows = append(t.Rows, row)
}

func (t *Table) String() string {
	w := make([]int, len(t.Head))
	for i, h := range t.Head {
		w[i] = utf8.RuneCountInString(h)
	}
	for _, r := range t.Rows {
		for i, c := range r {
			w[i] = max(w[i], utf8.RuneCountInString(c))
		}
	}
	line := func(l, m, r string) string {
		parts := make([]string, len(w))
		for i, n := range w {
			parts[i] = strings.Repeat("─", n+2)
		}
		return l + strings.Join(parts, m) + r + "\n"
	}
	cell := func(s string, i int) string {
		pad := strings.Repeat(" ", w[i]-utf8.RuneCountInString(s))
		if t.num[i] {
			return " " + pad + s + " "
		}
		return " " + s + pad + " "
	}
	var sb strings.Builder
	sb.WriteString(line("┌", "┬", "┐"))
	var hs []string
	for i, h := range t.Head {
		hs = append(hs, cell(h, i))
	}
	sb.WriteString("│" + strings.Join(hs, "│") + "│\n")
	sb.WriteString(line("├", "┼", "┤"))
	for _, r := range t.Rows {
		var cs []string
		for i, c := range r {
			cs = append(cs, cell(c, i))
		}
		sb.WriteString("│" + strings.Join(cs, "│") + "│\n")
	}
	sb.WriteString(line("└", "┴", "┘"))
	return sb.String()
}

type Band string

func (b Band) String() string { return "band-" + string(b) }

func main() {
	rows := []Row{
		{"ZTF21aaaa", "g", 18.234, 12, true},
		{"ZTF21bb", "r", 9.5, 3, false},
		{"LSST-αβγ", "i", 21.0, 140, true},
	}
	t := NewTable("object", "band", "mag", "n", "ok")
	total := 0
	for _, r := range rows {
		t.Add(r.Object, Band(r.Band), r.Mag, r.N, r.Flag)
		total += r.N
	}
	t.Add("total", "", 0.0, total, false)
	fmt.Print(t)
	fmt.Printf("|%8.3f|%-8.2f|%+.1e|%x|%X|%q|\n", 3.14159, 2.5, 12345.678, "hi", []byte("hi"), 'x')
	fmt.Printf("|%5s|%-5s|%.2s|%5.1s|\n", "ab", "ab", "abcdef", "xyz")
	fmt.Printf("|%05d|%-5d|%+d|%x|%o|%b|%c|%U|\n", 42, 42, 42, 255, 8, 5, 0x263A, 0x263A)
}
