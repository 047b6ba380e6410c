package sim_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/frames"
	"github.com/fountain-go/fountain/sources/sim"
)

// opaque hides a source's Project, so that it decodes every column.
type opaque struct{ frames.BatchSource }

// spy counts the rows whose history (prv_candidates) was decoded.
type spy struct {
	*sim.Source
	history int
}

func (s *spy) Next(ctx context.Context) (arrow.Record, error) {
	rec, err := s.Source.Next(ctx)
	if err == nil {
		col := rec.Column(rec.Schema().FieldIndices("prv_candidates")[0])
		s.history += col.Len() - col.NullN()
	}
	return rec, err
}

// A stream tells the source which columns its pipeline reads; the source
// decodes only those, and every result is the same as with all of them
// decoded.
func TestStreamsDecodeOnlyWhatTheyRead(t *testing.T) {
	jd := frames.Col("candidate").Field("jd")
	for _, tc := range []struct {
		name  string
		reads []string // nil: all
		fn    func(frames.Stream) frames.Stream
		sort  []string
	}{
		{"count by band and window", []string{"candidate"}, func(s frames.Stream) frames.Stream {
			return s.WithColumn("t", jd.FromJD()).Watermark("t", time.Minute).
				WithColumn("fid", frames.Col("candidate").Field("fid")).
				GroupByWindow(frames.Tumbling("t", 30*time.Second), "fid").Count()
		}, []string{"window_start", "fid"}},
		{"filter and select", []string{"objectId", "candid", "candidate"}, func(s frames.Stream) frames.Stream {
			return s.Filter(frames.Col("candidate").Field("rb").Gt(frames.Lit(0.5))).Select("objectId", "candid")
		}, []string{"candid"}},
		{"brightest per object", []string{"objectId", "candidate"}, func(s frames.Stream) frames.Stream {
			return s.WithColumn("mag", frames.Col("candidate").Field("magpsf")).GroupBy("objectId").Agg(frames.Col("mag").Min())
		}, []string{"objectId"}},
		{"every column", nil, func(s frames.Stream) frames.Stream {
			return s.Filter(frames.Col("candidate").Field("fid").Eq(frames.Lit(1)))
		}, []string{"candid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := func(hide bool) (string, arrow.Record) {
				src, err := sim.NewSource(sim.Config{Seed: 8, Fields: 3}, sim.SourceConfig{Visits: 40})
				if err != nil {
					t.Fatal(err)
				}
				sp := &spy{Source: src}
				var bs frames.BatchSource = sp
				if hide {
					bs = opaque{sp}
				}
				defer func() {
					if decoded := sp.history > 0; decoded != (hide || tc.reads == nil) {
						t.Errorf("history decoded for %d rows (source told what is read: %v)", sp.history, !hide)
					}
				}()
				s := tc.fn(frames.StreamFrom(bs)).Mode(frames.Append)
				rec, err := s.Collect().Sort(tc.sort...).Record()
				if err != nil {
					t.Fatal(err)
				}
				return s.Explain(), rec
			}
			explain, got := run(false)
			_, want := run(true)
			defer got.Release()
			defer want.Release()
			if got.NumRows() == 0 || !array.RecordEqual(got, want) {
				t.Fatalf("%d rows decoding what the pipeline reads, %d decoding all; equal: %v", got.NumRows(), want.NumRows(), array.RecordEqual(got, want))
			}
			line := "reads source columns [" + strings.Join(tc.reads, ", ") + "]"
			if has := strings.Contains(explain, line); has != (tc.reads != nil) {
				t.Fatalf("Explain should say %q (or nothing when all are read):\n%s", line, explain)
			}
		})
	}
}
