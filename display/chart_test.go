package display

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fountain-go/fountain/frames"
)

func lightCurve() frames.Frame {
	t0 := time.Date(2026, 11, 23, 22, 0, 0, 0, time.UTC)
	var ts []time.Time
	var bands []string
	var mags, errs []float64
	for i := range 12 {
		ts = append(ts, t0.Add(time.Duration(i)*time.Hour))
		bands = append(bands, []string{"g", "r"}[i%2])
		mags = append(mags, 18+float64(i)/10)
		errs = append(errs, 0.05)
	}
	return frames.New(frames.Column("t", ts), frames.Column("band", bands), frames.Column("mag", mags), frames.Column("err", errs))
}

// wellFormed parses the SVG as XML and counts elements by name.
func wellFormed(t *testing.T, svg string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return counts
			}
			t.Fatalf("SVG does not parse: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
}

func TestCharts(t *testing.T) {
	lc := PointChart("t", "mag").By("band").ErrorBars("err").InvertY().Title("ZTF23abc").Of(lightCurve())
	svg := lc.Data[MIMESVG].(string)
	n := wellFormed(t, svg)
	if n["circle"] != 12 || n["line"] < 12 {
		t.Fatalf("light curve: %d points, %d lines", n["circle"], n["line"])
	}
	for _, want := range []string{"ZTF23abc", ">g<", ">r<", "#2ca02c", "#d62728"} {
		if !strings.Contains(svg, want) {
			t.Fatalf("light curve lacks %q", want)
		}
	}
	// Inverted: the brightest point (18.0, first) is drawn highest.
	if strings.Index(svg, `cy="`) < 0 {
		t.Fatal("no points")
	}

	perBand := lightCurve().GroupBy("band").Agg(frames.Count())
	bars := wellFormed(t, BarChart("band", "count").Of(perBand).Data[MIMESVG].(string))
	if bars["rect"] < 3 { // background and two bars
		t.Fatalf("bar chart: %d rects", bars["rect"])
	}
	line := wellFormed(t, LineChart("t", "mag").By("band").Of(lightCurve()).Data[MIMESVG].(string))
	if line["polyline"] != 2 {
		t.Fatalf("line chart: %d lines, want one per band", line["polyline"])
	}
	// Errors are text, not a broken image.
	bad := LineChart("band", "mag").Of(lightCurve())
	if _, ok := bad.Data[MIMESVG]; ok || !strings.Contains(bad.Data[MIMEText].(string), "use a BarChart") {
		t.Fatalf("bad chart: %v", bad.Data)
	}
	if b := LineChart("t", "nope").Of(lightCurve()); !strings.Contains(b.Data[MIMEText].(string), `did you mean`) && !strings.Contains(b.Data[MIMEText].(string), "nope") {
		t.Fatalf("unknown column: %v", b.Data)
	}
	// Empty frames draw empty axes.
	wellFormed(t, LineChart("t", "mag").Of(lightCurve().Head(0)).Data[MIMESVG].(string))
}

func TestLiveChart(t *testing.T) {
	r := &liveRecorder{}
	old := SetPublisher(r)
	defer SetPublisher(old)
	c := BarChart("window_start", "count").By("band")
	q := frames.StreamOf(lightCurve(), 3).Watermark("t", 0).
		GroupByWindow(frames.Tumbling("t", 4*time.Hour), "band").Count().Start()
	l := Live(q, LiveOptions{Chart: &c, Every: 20 * time.Millisecond})
	l.Wait()
	calls := r.snapshot()
	final := calls[len(calls)-1].b.Data[MIMEHTML].(string)
	svg := final[strings.Index(final, "<svg") : strings.Index(final, "</svg>")+6]
	if n := wellFormed(t, svg); n["rect"] != 1+8+2 { // background, 4 windows × 2 bands, legend
		t.Fatalf("live chart: %d rects\n%s", n["rect"], svg)
	}
	if !strings.Contains(final, "ended") {
		t.Fatal("no status line under the chart")
	}
}

// A light curve: magnitudes per band with error bars, brighter up.
func ExamplePointChart() {
	t0 := time.Date(2026, 11, 23, 22, 0, 0, 0, time.UTC)
	f := frames.New(
		frames.Column("t", []time.Time{t0, t0.Add(time.Hour), t0.Add(2 * time.Hour)}),
		frames.Column("band", []string{"g", "r", "g"}),
		frames.Column("mag", []float64{18.4, 18.1, 17.9}),
		frames.Column("err", []float64{0.05, 0.04, 0.05}),
	)
	chart := PointChart("t", "mag").By("band").ErrorBars("err").InvertY().Title("ZTF23abc")
	fmt.Println(chart.Of(f).Data[MIMEText])
	// Output:
	// [point chart: ZTF23abc, 3 rows]
}
