package frames

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fountain-go/fountain/sources/sim"
)

// A Parquet file of alerts (struct and list columns) read through a plan
// that uses some of them: the scan reads the nested columns whole.
func TestParquetNestedColumnsProjected(t *testing.T) {
	src, _ := sim.NewSource(sim.Config{Seed: 7}, sim.SourceConfig{Visits: 20})
	c := Col("candidate")
	rec := StreamFrom(src).WithColumn("t", c.Field("jd").FromJD()).Keep(1000000).Collect()
	path := filepath.Join(t.TempDir(), "x.parquet")
	if err := rec.Drop("cutoutScience", "cutoutTemplate", "cutoutDifference").Write(path); err != nil {
		t.Fatal(err)
	}
	f := Read(path)
	out := f.Filter(c.Field("rb").Ge(0.65)).WithColumn("fid", c.Field("fid")).GroupByWindow(Tumbling("t", 10*time.Minute), "fid").Agg(Count())
	want := rec.Filter(c.Field("rb").Ge(0.65)).WithColumn("fid", c.Field("fid")).GroupByWindow(Tumbling("t", 10*time.Minute), "fid").Agg(Count())
	if got, w := canon(t, out), canon(t, want); !slices.Equal(got, w) || len(w) == 0 {
		t.Fatalf("from the file %v, in memory %v", got, w)
	}
	hist := f.Select("objectId", "prv_candidates").Explode("prv_candidates")
	wantHist := rec.Select("objectId", "prv_candidates").Explode("prv_candidates")
	if hist.Err() != nil || hist.Len() != wantHist.Len() {
		t.Fatalf("history: %v, %d rows, want %d", hist.Err(), hist.Len(), wantHist.Len())
	}
}
