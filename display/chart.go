package display

import (
	"cmp"
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/frames"
)

// A Chart draws columns of a Frame as SVG — lines, bars or points with
// error bars, one series per value of a By column — for a Frame (Of) or,
// updated in place, for a running query (LiveOptions.Chart). SVG shows in
// Notebook 6 and JupyterLab alike. Build one with LineChart, BarChart or
// PointChart and refine it with its methods; a Chart is a value.
type Chart struct {
	kind          string // "line", "bar", "point"
	x, y, by, err string
	title         string
	invertY       bool
	width, height int
}

// LineChart draws y against x (numbers or times), a line per series.
func LineChart(x, y string) Chart { return Chart{kind: "line", x: x, y: y} }

// BarChart draws y for each x (times, numbers or names), bars of the series
// side by side.
func BarChart(x, y string) Chart { return Chart{kind: "bar", x: x, y: y} }

// PointChart draws y against x as points, with error bars when ErrorBars
// names a column: a light curve.
func PointChart(x, y string) Chart { return Chart{kind: "point", x: x, y: y} }

// By draws a series per value of col (a band, say), each in its color.
func (c Chart) By(col string) Chart { c.by = col; return c }

// ErrorBars draws ±col around each point.
func (c Chart) ErrorBars(col string) Chart { c.err = col; return c }

// Title sets the chart's title.
func (c Chart) Title(t string) Chart { c.title = t; return c }

// InvertY puts small values at the top, as magnitudes are drawn.
func (c Chart) InvertY() Chart { c.invertY = true; return c }

// Size sets the chart's size in pixels (default 640 × 320).
func (c Chart) Size(width, height int) Chart { c.width, c.height = width, height; return c }

// maxChartPoints bounds the points drawn per chart (the last ones are kept).
const maxChartPoints = 5000

// Of draws f; a Frame that failed, or columns that cannot be drawn, give
// the error as text.
func (c Chart) Of(f frames.Frame) Bundle {
	svg, err := c.svg(f)
	if err != nil {
		msg := "chart: " + err.Error()
		return Bundle{Data: map[string]any{MIMEText: msg, MIMEHTML: `<pre style="color:#b00">` + html.EscapeString(msg) + `</pre>`}}
	}
	return Bundle{Data: map[string]any{MIMEText: c.describe(f), MIMESVG: svg}}
}

// String describes the chart in words.
func (c Chart) String() string {
	s := fmt.Sprintf("%s chart of %s by %s", c.kind, c.y, c.x)
	if c.by != "" {
		s += ", a series per " + c.by
	}
	return s
}

func (c Chart) describe(f frames.Frame) string {
	t := c.title
	if t == "" {
		t = c.y + " by " + c.x
	}
	return fmt.Sprintf("[%s chart: %s, %d rows]", c.kind, t, f.Len())
}

// series is the points of one value of the By column.
type series struct {
	name    string
	x, y, e []float64
}

// palette: the colors of g, r, i (and further bands) by tradition, then more.
var palette = []string{"#2ca02c", "#d62728", "#8c564b", "#1f77b4", "#ff7f0e", "#9467bd", "#e377c2", "#17becf"}

func bandColor(name string, i int) string {
	switch name {
	case "g", "1":
		return "#2ca02c"
	case "r", "2":
		return "#d62728"
	case "i", "3":
		return "#8c564b"
	case "u":
		return "#9467bd"
	case "z":
		return "#1f77b4"
	case "y":
		return "#ff7f0e"
	}
	return palette[i%len(palette)]
}

// values reads a column as float64s (times as Unix seconds) or, for
// strings, as category names.
func values(f frames.Frame, col string) (nums []float64, isTime bool, cats []string, err error) {
	a, err := f.Column(col)
	if err != nil {
		return nil, false, nil, err
	}
	switch a.DataType().ID() {
	case arrow.TIMESTAMP:
		ts := a.(*array.Timestamp)
		u := a.DataType().(*arrow.TimestampType).Unit
		nums = make([]float64, a.Len())
		for i := range nums {
			if ts.IsNull(i) {
				nums[i] = math.NaN()
				continue
			}
			nums[i] = float64(ts.Value(i).ToTime(u).UnixNano()) / 1e9
		}
		return nums, true, nil, nil
	case arrow.STRING, arrow.LARGE_STRING, arrow.DICTIONARY, arrow.BOOL:
		cats, err = f.Strings(col)
		return nil, false, cats, err
	}
	nums, err = f.Float64s(col)
	return nums, false, nil, err
}

func (c Chart) svg(f frames.Frame) (string, error) {
	if err := f.Err(); err != nil {
		return "", err
	}
	if n := f.Len(); n > maxChartPoints {
		f = f.Tail(maxChartPoints)
	}
	xs, xTime, xCats, err := values(f, c.x)
	if err != nil {
		return "", err
	}
	ys, _, yCats, err := values(f, c.y)
	if err != nil {
		return "", err
	}
	if yCats != nil {
		return "", fmt.Errorf("column %q is not numeric", c.y)
	}
	if xCats != nil && c.kind != "bar" {
		return "", fmt.Errorf("column %q holds names: use a BarChart", c.x)
	}
	var es []float64
	if c.err != "" {
		if es, _, _, err = values(f, c.err); err != nil {
			return "", err
		}
	}
	names := make([]string, f.Len())
	if c.by != "" {
		if names, err = f.Strings(c.by); err != nil {
			return "", err
		}
	}
	// Categories of x for bars: in order of first appearance, or sorted
	// numerically when x is a number or a time.
	var cats []string
	catOf := map[string]int{}
	xKey := func(i int) string {
		if xCats != nil {
			return xCats[i]
		}
		return fmt.Sprint(xs[i])
	}
	if c.kind == "bar" {
		idx := make([]int, f.Len())
		for i := range idx {
			idx[i] = i
		}
		if xCats == nil {
			slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
		}
		for _, i := range idx {
			k := xKey(i)
			if _, ok := catOf[k]; !ok {
				catOf[k] = len(cats)
				cats = append(cats, k)
			}
		}
	}
	var ss []*series
	byName := map[string]*series{}
	for i := range f.Len() {
		y := ys[i]
		if math.IsNaN(y) {
			continue
		}
		s := byName[names[i]]
		if s == nil {
			s = &series{name: names[i]}
			byName[names[i]] = s
			ss = append(ss, s)
		}
		x := math.NaN()
		if c.kind == "bar" {
			x = float64(catOf[xKey(i)])
		} else {
			x = xs[i]
		}
		if math.IsNaN(x) {
			continue
		}
		e := 0.0
		if es != nil && !math.IsNaN(es[i]) {
			e = es[i]
		}
		s.x, s.y, s.e = append(s.x, x), append(s.y, y), append(s.e, e)
	}
	slices.SortFunc(ss, func(a, b *series) int { return strings.Compare(a.name, b.name) })
	return c.draw(ss, xTime, cats), nil
}

// draw lays the series out: plot area, axes with ticks, series, legend.
func (c Chart) draw(ss []*series, xTime bool, cats []string) string {
	w, h := c.width, c.height
	if w <= 0 || h <= 0 {
		w, h = 640, 320
	}
	const left, right, top, bottom = 64.0, 16.0, 28.0, 44.0
	pw, ph := float64(w)-left-right, float64(h)-top-bottom
	// Ranges.
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for i := range s.x {
			x0, x1 = math.Min(x0, s.x[i]), math.Max(x1, s.x[i])
			y0, y1 = math.Min(y0, s.y[i]-s.e[i]), math.Max(y1, s.y[i]+s.e[i])
		}
	}
	if math.IsInf(y0, 0) { // nothing to draw yet
		x0, x1, y0, y1 = 0, 1, 0, 1
	}
	if c.kind == "bar" {
		x0, x1 = -0.5, math.Max(float64(len(cats))-0.5, 0.5)
		y0 = math.Min(y0, 0)
	}
	if x1 == x0 {
		x0, x1 = x0-1, x1+1
	}
	if y1 == y0 {
		y0, y1 = y0-1, y1+1
	}
	yt := ticks(y0, y1, 5)
	y0, y1 = math.Min(y0, yt[0]), math.Max(y1, yt[len(yt)-1])
	px := func(x float64) float64 { return left + (x-x0)/(x1-x0)*pw }
	py := func(y float64) float64 {
		if c.invertY {
			return top + (y-y0)/(y1-y0)*ph
		}
		return top + ph - (y-y0)/(y1-y0)*ph
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`, w, h, w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`, w, h)
	title := c.title
	if title == "" {
		title = c.y + " by " + c.x
	}
	fmt.Fprintf(&b, `<text x="%g" y="16" font-size="13" font-weight="bold">%s</text>`, left, html.EscapeString(title))
	// Y axis.
	for _, t := range yt {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#e5e5e5"/>`, left, left+pw, py(t), py(t))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`, left-6, py(t)+4, formatTick(t))
	}
	fmt.Fprintf(&b, `<text x="12" y="%.1f" transform="rotate(-90 12 %.1f)" text-anchor="middle">%s</text>`, top+ph/2, top+ph/2, html.EscapeString(c.y))
	// X axis.
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#333"/>`, left, left+pw, top+ph, top+ph)
	if c.kind == "bar" {
		step := max(1, len(cats)/8)
		for i := 0; i < len(cats); i += step {
			label := cats[i]
			if xTime {
				label = timeLabel(parseFloat(cats[i]))
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, px(float64(i)), top+ph+16, html.EscapeString(label))
		}
	} else {
		xt := ticks(x0, x1, 6)
		if xTime {
			xt = timeTicks(x0, x1, 6)
		}
		for _, t := range xt {
			if t < x0 || t > x1 {
				continue
			}
			label := formatTick(t)
			if xTime {
				label = timeLabel(t)
			}
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#333"/>`, px(t), px(t), top+ph, top+ph+4)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, px(t), top+ph+16, html.EscapeString(label))
		}
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, left+pw/2, float64(h)-6, html.EscapeString(c.x))
	// Series.
	barW := pw / math.Max(1, float64(len(cats))) * 0.8 / math.Max(1, float64(len(ss)))
	for k, s := range ss {
		color := bandColor(s.name, k)
		switch c.kind {
		case "line":
			idx := make([]int, len(s.x))
			for i := range idx {
				idx[i] = i
			}
			slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s.x[a], s.x[b]) })
			b.WriteString(`<polyline fill="none" stroke-width="1.5" stroke="` + color + `" points="`)
			for _, i := range idx {
				fmt.Fprintf(&b, "%.1f,%.1f ", px(s.x[i]), py(s.y[i]))
			}
			b.WriteString(`"/>`)
		case "bar":
			for i := range s.x {
				x := px(s.x[i]) - barW*float64(len(ss))/2 + barW*float64(k)
				yTop, yBase := py(math.Max(s.y[i], 0)), py(math.Min(s.y[i], 0))
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, math.Min(yTop, yBase), barW, math.Abs(yBase-yTop), color)
			}
		case "point":
			for i := range s.x {
				if s.e[i] > 0 {
					fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s"/>`, px(s.x[i]), px(s.x[i]), py(s.y[i]-s.e[i]), py(s.y[i]+s.e[i]), color)
				}
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`, px(s.x[i]), py(s.y[i]), color)
			}
		}
	}
	// Legend.
	if len(ss) > 1 || (len(ss) == 1 && ss[0].name != "") {
		for k, s := range ss {
			x := left + pw - float64(len(ss)-k)*70
			fmt.Fprintf(&b, `<rect x="%.1f" y="8" width="10" height="10" fill="%s"/><text x="%.1f" y="17">%s</text>`, x, bandColor(s.name, k), x+14, html.EscapeString(s.name))
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// ticks are about n round values covering [lo, hi].
func ticks(lo, hi float64, n int) []float64 {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return []float64{lo, lo + 1}
	}
	step := math.Pow(10, math.Floor(math.Log10(span/float64(n))))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= float64(n) {
			step *= m
			break
		}
	}
	var out []float64
	for t := math.Floor(lo/step) * step; t <= hi+step/2; t += step {
		out = append(out, t)
	}
	if len(out) < 2 {
		out = append(out, out[0]+step)
	}
	return out
}

// timeTicks are about n ticks on round times (seconds since the epoch).
func timeTicks(lo, hi float64, n int) []float64 {
	span := hi - lo
	step := 0.0
	for _, s := range []float64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400} {
		if span/s <= float64(n) {
			step = s
			break
		}
	}
	if step == 0 {
		return ticks(lo, hi, n)
	}
	var out []float64
	for t := math.Ceil(lo/step) * step; t <= hi; t += step {
		out = append(out, t)
	}
	return out
}

func formatTick(t float64) string {
	if math.Abs(t) < 1e-9 {
		return "0"
	}
	return fmt.Sprintf("%.6g", t)
}

func timeLabel(sec float64) string {
	t := time.Unix(0, int64(sec*1e9)).UTC()
	if t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("15:04")
	}
	return t.Format("15:04:05")
}

func parseFloat(s string) float64 {
	var f float64
	fmt.Sscan(s, &f)
	return f
}
