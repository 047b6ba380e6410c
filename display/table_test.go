package display

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fountain-go/fountain/frames"
)

// TestTableGolden compares a Frame's HTML with testdata/table.golden.html;
// UPDATE_GOLDEN=1 rewrites it after a deliberate change.
func TestTableGolden(t *testing.T) {
	x := make([]any, 30)
	for i := range x {
		if i%7 != 3 {
			x[i] = float64(i) / 4
		}
	}
	band := make([]string, 30)
	for i := range band {
		band[i] = []string{"g", "r", "i"}[i%3]
	}
	lists := make([][]int64, 30)
	for i := range lists {
		lists[i] = []int64{int64(i), int64(i + 1)}
	}
	f := frames.New(frames.Column("band", band), frames.Column("mag", x), frames.Column("hist", lists))
	b := Render(f)
	got := b.Data[MIMEHTML].(string)
	path := filepath.Join("testdata", "table.golden.html")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 go test ./display writes it)", err)
	}
	if got != string(want) {
		t.Fatalf("HTML differs from %s:\n%s", path, got)
	}
	if text := b.Data[MIMEText].(string); text != f.String() {
		t.Fatalf("text/plain is not the Frame's text:\n%s", text)
	}
}

func TestTableError(t *testing.T) {
	f := frames.New(frames.Column("a", []int{1})).Select("b")
	b := Render(f)
	if got := b.Data[MIMEText].(string); got != `error: unknown column "b" (have a)` {
		t.Fatalf("text %q", got)
	}
}
