package display

import (
	"fmt"
	"html"
	"strings"

	"github.com/fountain-go/fountain/frames"
)

// A table shows its first tableHead and last tableTail rows (an ellipsis
// row between) and at most tableCols columns.
const tableHead, tableTail, tableCols = 10, 5, 20

// Table renders a Frame as an HTML table — names over short types, numbers
// right-aligned, nulls set apart, the first and last rows with an ellipsis
// row between for long frames, and the size below — with aligned text for
// text/plain. A Frame that failed renders its error.
func Table(f frames.Frame) Bundle {
	p := f.Preview(tableHead, tableTail, tableCols)
	if p.Err != nil {
		msg := "error: " + p.Err.Error()
		return Bundle{Data: map[string]any{
			MIMEText: msg,
			MIMEHTML: `<pre style="color:#b00">` + html.EscapeString(msg) + `</pre>`,
		}}
	}
	return Bundle{Data: map[string]any{MIMEText: p.Text(), MIMEHTML: tableHTML(p, nil, "")}}
}

// Inline styles, not a <style> block: front ends sanitize style blocks in
// untrusted notebooks.
const (
	thStyle   = `style="text-align:%s;padding:2px 8px;border-bottom:1px solid #999;font-weight:bold;white-space:nowrap"`
	typeStyle = `<br><span style="font-weight:normal;color:#888;font-size:85%%">%s</span>`
	idxStyle  = `style="color:#888;text-align:right;padding:2px 8px"`
	nullCell  = `<span style="color:#aaa;font-style:italic">null</span>`
)

// tableHTML renders a preview; mark, per head row and column, highlights
// cells that just changed; footer replaces the size line when set.
func tableHTML(p frames.Preview, mark [][]bool, footer string) string {
	var b strings.Builder
	b.WriteString(`<div class="fountain-frame" style="overflow-x:auto"><table style="border-collapse:collapse;font-family:monospace;font-size:90%">`)
	align := func(j int) string {
		if j >= 0 && p.Numeric[j] {
			return "right"
		}
		return "left"
	}
	// columns interleaves the hidden-columns marker at HiddenAt.
	columns := func(each func(j int), hidden func()) {
		for j := range p.Names {
			if p.Hidden > 0 && j == p.HiddenAt {
				hidden()
			}
			each(j)
		}
	}
	b.WriteString("<thead><tr><th></th>")
	columns(func(j int) {
		fmt.Fprintf(&b, "<th "+thStyle+">%s"+typeStyle+"</th>", align(j), html.EscapeString(p.Names[j]), html.EscapeString(p.Types[j]))
	}, func() {
		fmt.Fprintf(&b, "<th "+thStyle+" title=\"%d more columns\">…</th>", "center", p.Hidden)
	})
	b.WriteString("</tr></thead><tbody>")
	row := func(index int, cells []string, nulls, marks []bool) {
		fmt.Fprintf(&b, "<tr><td %s>%d</td>", idxStyle, index)
		columns(func(j int) {
			v := html.EscapeString(cells[j])
			if nulls[j] {
				v = nullCell
			}
			bg := ""
			if marks != nil && marks[j] {
				bg = ";background:#fff1a8"
			}
			fmt.Fprintf(&b, `<td style="text-align:%s;padding:2px 8px;white-space:nowrap%s">%s</td>`, align(j), bg, v)
		}, func() { b.WriteString(`<td style="text-align:center">…</td>`) })
		b.WriteString("</tr>")
	}
	for i, r := range p.Head {
		var m []bool
		if i < len(mark) {
			m = mark[i]
		}
		row(i, r, p.Nulls[i], m)
	}
	if len(p.Tail) > 0 {
		b.WriteString(`<tr><td style="text-align:right;color:#888;padding:2px 8px">…</td>`)
		columns(func(j int) {
			fmt.Fprintf(&b, `<td style="text-align:%s;color:#888;padding:2px 8px">…</td>`, align(j))
		}, func() { b.WriteString(`<td style="text-align:center;color:#888">…</td>`) })
		b.WriteString("</tr>")
	}
	for i, r := range p.Tail {
		row(p.Rows-len(p.Tail)+i, r, p.Nulls[len(p.Head)+i], nil)
	}
	if footer == "" {
		footer = fmt.Sprintf("%d rows × %d columns", p.Rows, p.Cols)
	}
	fmt.Fprintf(&b, `</tbody></table><p style="color:#666;font-size:85%%;margin:4px 0">%s</p></div>`, html.EscapeString(footer))
	return b.String()
}
