package frames

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
)

// Preview is what a table display shows of a Frame: its size, column names
// and types, and the formatted cells of the first and last rows.
type Preview struct {
	Rows, Cols int
	Names      []string
	Types      []string // short type names: i64, f64, str, ts[µs]…
	Numeric    []bool   // right-align these columns
	Head, Tail [][]string
	Nulls      [][]bool // per shown row (head then tail), per column: the cell is null
	Hidden     int      // columns left out in the middle (shown as …)
	HiddenAt   int      // index in Names where the … column goes
	Err        error
}

// Preview formats at most head+tail rows and maxCols columns for display;
// the rest is summarized. It computes the Frame.
func (f Frame) Preview(head, tail, maxCols int) Preview {
	t, err := f.table()
	if err != nil {
		return Preview{Err: err}
	}
	p := Preview{Rows: t.n, Cols: len(t.cols)}
	colIdx := make([]int, 0, len(t.cols))
	for i := range t.cols {
		colIdx = append(colIdx, i)
	}
	if maxCols > 0 && len(colIdx) > maxCols {
		left := (maxCols + 1) / 2
		right := maxCols - left
		p.Hidden = len(colIdx) - maxCols
		p.HiddenAt = left
		colIdx = append(colIdx[:left:left], colIdx[len(colIdx)-right:]...)
	}
	for _, i := range colIdx {
		fl := t.schema.Field(i)
		p.Names = append(p.Names, fl.Name)
		p.Types = append(p.Types, ShortType(fl.Type))
		k := kindOf(fl.Type)
		p.Numeric = append(p.Numeric, k == kInt || k == kFloat || k == kDuration)
	}
	row := func(r int) ([]string, []bool) {
		cells := make([]string, len(colIdx))
		nulls := make([]bool, len(colIdx))
		for j, i := range colIdx {
			c := t.cols[i]
			nulls[j] = c.IsNull(r)
			cells[j] = clip(formatValue(c, r), 60)
		}
		return cells, nulls
	}
	if t.n <= head+tail {
		head, tail = t.n, 0
	}
	for r := 0; r < head; r++ {
		c, n := row(r)
		p.Head = append(p.Head, c)
		p.Nulls = append(p.Nulls, n)
	}
	for r := t.n - tail; r < t.n; r++ {
		c, n := row(r)
		p.Tail = append(p.Tail, c)
		p.Nulls = append(p.Nulls, n)
	}
	return p
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ShortType is a compact name for an Arrow type: i64, f64, str, bool,
// ts[µs], dur[ns], date, list[f64], struct{…}, dict[str].
func ShortType(t arrow.DataType) string {
	switch t := t.(type) {
	case *arrow.TimestampType:
		return "ts[" + t.Unit.String() + "]"
	case *arrow.DurationType:
		return "dur[" + t.Unit.String() + "]"
	case *arrow.ListType:
		return "list[" + ShortType(t.Elem()) + "]"
	case *arrow.LargeListType:
		return "list[" + ShortType(t.Elem()) + "]"
	case *arrow.StructType:
		return fmt.Sprintf("struct{%d}", t.NumFields())
	case *arrow.DictionaryType:
		return "dict[" + ShortType(t.ValueType) + "]"
	}
	switch t.ID() {
	case arrow.INT8:
		return "i8"
	case arrow.INT16:
		return "i16"
	case arrow.INT32:
		return "i32"
	case arrow.INT64:
		return "i64"
	case arrow.UINT8:
		return "u8"
	case arrow.UINT16:
		return "u16"
	case arrow.UINT32:
		return "u32"
	case arrow.UINT64:
		return "u64"
	case arrow.FLOAT32:
		return "f32"
	case arrow.FLOAT64:
		return "f64"
	case arrow.STRING, arrow.LARGE_STRING:
		return "str"
	case arrow.BINARY, arrow.LARGE_BINARY:
		return "bin"
	case arrow.BOOL:
		return "bool"
	case arrow.DATE32, arrow.DATE64:
		return "date"
	case arrow.NULL:
		return "null"
	}
	return t.String()
}

// String renders the Frame as aligned text: a header of names and types, up
// to ten head and five tail rows, and the size.
func (f Frame) String() string {
	p := f.Preview(10, 5, 12)
	if p.Err != nil {
		return "error: " + p.Err.Error()
	}
	return p.Text()
}

// Text lays the preview out as aligned columns.
func (p Preview) Text() string {
	if p.Err != nil {
		return "error: " + p.Err.Error()
	}
	names, types := p.Names, p.Types
	numeric := p.Numeric
	rows := append(append([][]string{}, p.Head...), p.Tail...)
	if p.Hidden > 0 {
		ins := func(s []string, v string) []string {
			return append(append(append([]string{}, s[:p.HiddenAt]...), v), s[p.HiddenAt:]...)
		}
		names, types = ins(names, "…"), ins(types, "")
		numeric = append(append(append([]bool{}, numeric[:p.HiddenAt]...), false), numeric[p.HiddenAt:]...)
		for i := range rows {
			rows[i] = ins(rows[i], "…")
		}
	}
	width := make([]int, len(names))
	for j := range names {
		width[j] = max(utf8.RuneCountInString(names[j]), utf8.RuneCountInString(types[j]))
		for _, r := range rows {
			width[j] = max(width[j], utf8.RuneCountInString(r[j]))
		}
	}
	var b strings.Builder
	line := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if numeric[j] {
				b.WriteString(pad + c)
			} else if j == len(cells)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + pad)
			}
		}
		b.WriteString("\n")
	}
	line(names)
	line(types)
	for i, r := range rows {
		if i == len(p.Head) && len(p.Tail) > 0 {
			dots := make([]string, len(names))
			for j := range dots {
				dots[j] = "…"
			}
			line(dots)
		}
		line(r)
	}
	fmt.Fprintf(&b, "%d rows × %d columns", p.Rows, p.Cols)
	return b.String()
}
