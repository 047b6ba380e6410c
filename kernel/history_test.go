package kernel

import (
	"encoding/json"
	"path/filepath"
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
