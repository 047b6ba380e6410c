package kernel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func query(t *testing.T, h *history, req string) [][]any {
	t.Helper()
	raw, _ := json.Marshal(h.query(json.RawMessage(req))["history"])
	var out [][]any
	json.Unmarshal(raw, &out)
	return out
}

func TestHistoryPersistsAndQueries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	t.Setenv("FOUNTAIN_HISTORY", path)
	h := openHistory()
	h.add(1, "x := 1")
	h.add(2, "fmt.Println(x)")
	h.add(3, "fmt.Println(x)")

	// A new kernel sees the old session and starts the next one.
	h2 := openHistory()
	<-h2.loaded
	if h2.session != h.session+1 {
		t.Fatalf("session %d after %d", h2.session, h.session)
	}
	h2.add(1, "y := 2")

	if got := query(t, h2, `{"hist_access_type":"tail","n":2}`); len(got) != 2 || got[1][2] != "y := 2" {
		t.Fatalf("tail: %v", got)
	}
	if got := query(t, h2, `{"hist_access_type":"range","session":-1,"start":2,"stop":3}`); len(got) != 1 || got[0][2] != "fmt.Println(x)" {
		t.Fatalf("range in the previous session: %v", got)
	}
	if got := query(t, h2, `{"hist_access_type":"search","pattern":"fmt.*"}`); len(got) != 2 {
		t.Fatalf("search: %v", got)
	}
	if got := query(t, h2, `{"hist_access_type":"search","pattern":"fmt.*","unique":true}`); len(got) != 1 {
		t.Fatalf("unique search: %v", got)
	}
	if got := query(t, h2, `{"hist_access_type":"tail","n":1,"output":true}`); len(got[0]) != 3 {
		t.Fatalf("output form: %v", got)
	}
}

// TestHistoryKeepsTheNewest: the file is read whole at start, so it keeps
// the newest cells only; past twice that many, it is rewritten.
func TestHistoryKeepsTheNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	t.Setenv("FOUNTAIN_HISTORY", path)
	h := openHistory()
	h.keep = 10
	for i := range 25 {
		h.add(i+1, fmt.Sprint("cell ", i+1))
	}
	if len(h.entries) > 2*h.keep || h.entries[len(h.entries)-1].Input != "cell 25" {
		t.Fatalf("%d entries in memory, last %q", len(h.entries), h.entries[len(h.entries)-1].Input)
	}
	h2 := &history{path: path, keep: 10, loaded: make(chan struct{})}
	h2.load()
	if len(h2.entries) != 10 || h2.entries[0].Input != "cell 16" || h2.entries[9].Input != "cell 25" {
		t.Fatalf("after reload: %d entries, %v", len(h2.entries), h2.entries)
	}
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "\n"); n != 10 {
		t.Fatalf("file has %d lines after the rewrite, want 10", n)
	}
	// The next session numbers on from the file's.
	if h2.session != h.session+1 {
		t.Fatalf("session %d after %d", h2.session, h.session)
	}
	// The first kernel, still running, appends to the rewritten file.
	h.add(26, "cell 26")
	b, _ = os.ReadFile(path)
	if !strings.HasSuffix(string(b), "\"cell 26\"}\n") {
		t.Fatalf("the running kernel's cell went elsewhere:\n%s", b)
	}
}
