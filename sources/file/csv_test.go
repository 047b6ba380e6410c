package file

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func rowCount(recs []arrow.Record) int {
	n := 0
	for _, r := range recs {
		n += int(r.NumRows())
	}
	return n
}

func TestCSVBadRows(t *testing.T) {
	for _, quoted := range []bool{false, true} {
		name := "a"
		if quoted {
			name = `"a"`
		}
		p := writeFile(t, "bad.csv", name+",b\n1,x\n2,y\n3\n4,z,extra\n5,w\n")
		if _, _, err := ReadCSV(p, CSVOptions{}); err == nil || !strings.Contains(err.Error(), "line 4") {
			t.Fatalf("quoted %v: error %v, want one naming line 4", quoted, err)
		}
		recs, bad, err := ReadCSV(p, CSVOptions{SkipBadRows: true})
		if err != nil {
			t.Fatal(err)
		}
		if rowCount(recs) != 3 || len(bad) != 2 || bad[0].Line != 4 || bad[1].Line != 5 {
			t.Fatalf("quoted %v: %d rows, bad %+v", quoted, rowCount(recs), bad)
		}
	}
}

// A file large enough for the parallel parser reads the same as the
// sequential one, in order.
func TestCSVParallelMatchesSequential(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,mag,band\n")
	for i := 0; b.Len() < 6<<20; i++ {
		fmt.Fprintf(&b, "%d,%g,%c\n", i, float64(i)/7, 'g'+rune(i%3))
	}
	p := writeFile(t, "big.csv", b.String())
	recs, _, err := ReadCSV(p, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	next := int64(0)
	for _, r := range recs {
		ids := r.Column(0).(*array.Int64)
		for i := 0; i < ids.Len(); i++ {
			if ids.Value(i) != next {
				t.Fatalf("row %d has id %d", next, ids.Value(i))
			}
			next++
		}
	}
	if want := int64(strings.Count(b.String(), "\n") - 1); next != want {
		t.Fatalf("%d rows, want %d", next, want)
	}
}
