package frames

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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

// A long Parquet read reports its progress: rows so far of the file's
// total, then a last report.
func TestParquetReadReportsProgress(t *testing.T) {
	n := 300_000
	x := make([]int64, n)
	for i := range x {
		x[i] = int64(i)
	}
	path := filepath.Join(t.TempDir(), "big.parquet")
	if err := New(Column("x", x)).Write(path); err != nil {
		t.Fatal(err)
	}
	got := readReporting(t, path, n)
	if len(got) < 2 {
		t.Fatalf("reports %+v", got)
	}
	last := got[len(got)-1]
	if !last.Finished || last.Done != int64(n) || last.Total != int64(n) || last.Task != "read big.parquet" {
		t.Fatalf("last report %+v", last)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Done < got[i-1].Done {
			t.Fatalf("progress went back: %+v", got)
		}
	}
	// Without a receiver, nothing is tracked.
	SetProgress(nil)
	if track("x", 1) != nil {
		t.Fatal("tracking with no receiver")
	}
}

// readReporting reads path, expecting n rows, with every load reporting
// progress, and returns the reports.
func readReporting(t *testing.T, path string, n int) []Progress {
	t.Helper()
	var got []Progress
	var mu sync.Mutex
	old := SetProgress(func(p Progress) { mu.Lock(); got = append(got, p); mu.Unlock() })
	defer SetProgress(old)
	after := progressAfter
	progressAfter = 0
	defer func() { progressAfter = after }()
	if f := Read(path); f.Len() != n {
		t.Fatalf("%d rows: %v", f.Len(), f.Err())
	}
	mu.Lock()
	defer mu.Unlock()
	return got
}

func TestCSVReadReportsProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("x,y\n")
	n := 200_000
	for i := range n {
		fmt.Fprintf(&b, "%d,%d.5\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readReporting(t, path, n)
	if len(got) < 2 || !got[len(got)-1].Finished || got[len(got)-1].Done != int64(n) {
		t.Fatalf("reports %+v", got)
	}
}
