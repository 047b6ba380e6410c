package frames

import (
	"path/filepath"
	"testing"
)

func TestParquetRoundTrip(t *testing.T) {
	f := New(Column("k", []int64{1, 2, 3}), Column("s", []string{"a", "b", "c"}))
	p := filepath.Join(t.TempDir(), "x.parquet")
	if err := f.Write(p); err != nil {
		t.Fatal(err)
	}
	g := Read(p)
	t.Log(g.Explain())
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	h := Read(p).Filter(Col("k").Ge(2)).Select("s")
	t.Log(h.Explain())
	t.Log(h)
}
