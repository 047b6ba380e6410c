package kernel

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// history stores executed cells per user, in a JSON-lines file that
// survives restarts, and answers history_request. It keeps the newest
// keepHistory cells: past twice that, the file is rewritten with those.
type history struct {
	mu      sync.Mutex
	path    string
	keep    int
	session int
	entries []histEntry
	loaded  chan struct{} // closed when the file has been read
	file    *os.File      // opened for appending at the first add
}

// keepHistory is how many cells the history keeps (IPython keeps every
// one, in a database it queries; a file read whole must stay small).
const keepHistory = 10000

type histEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
}

// historyPath is $XDG_DATA_HOME/fountain/history.jsonl (or ~/.local/share).
func historyPath() string {
	if p := os.Getenv("FOUNTAIN_HISTORY"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "fountain", "history.jsonl")
}

// openHistory reads the history file in the background: a long history
// must not delay the kernel's first reply. add and query wait for it.
func openHistory() *history {
	h := &history{path: historyPath(), keep: keepHistory, loaded: make(chan struct{})}
	go h.load()
	return h
}

func (h *history) load() {
	defer close(h.loaded)
	h.mu.Lock()
	defer h.mu.Unlock()
	if f, err := os.Open(h.path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		read := 0
		for sc.Scan() {
			var e histEntry
			if json.Unmarshal(sc.Bytes(), &e) == nil {
				h.entries = append(h.entries, e)
				h.session = max(h.session, e.Session)
			}
			if read++; len(h.entries) >= 2*h.keep {
				h.entries = append(h.entries[:0], h.entries[len(h.entries)-h.keep:]...)
			}
		}
		f.Close()
		if read > 2*h.keep {
			h.entries = h.entries[max(len(h.entries)-h.keep, 0):]
			h.rewrite()
		}
	}
	h.session++
}

// replaced reports whether the file at the path is no longer the one open.
func (h *history) replaced() bool {
	open, err1 := h.file.Stat()
	now, err2 := os.Stat(h.path)
	return err1 == nil && (err2 != nil || !os.SameFile(open, now))
}

// rewrite replaces the file with the entries kept, by renaming a new file
// over it: a crash midway leaves the old one.
func (h *history) rewrite() {
	tmp := h.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	w := bufio.NewWriter(f)
	for _, e := range h.entries {
		b, _ := json.Marshal(e)
		w.Write(append(b, '\n'))
	}
	if w.Flush() != nil || f.Close() != nil {
		os.Remove(tmp)
		return
	}
	os.Rename(tmp, h.path)
}

func (h *history) add(line int, input string) {
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	e := histEntry{Session: h.session, Line: line, Input: input}
	h.entries = append(h.entries, e)
	if len(h.entries) >= 2*h.keep {
		h.entries = append(h.entries[:0], h.entries[len(h.entries)-h.keep:]...)
	}
	if h.file != nil && h.replaced() {
		h.file.Close() // another kernel rewrote the file: append to the new one
		h.file = nil
	}
	if h.file == nil && h.path != "" {
		if err := os.MkdirAll(filepath.Dir(h.path), 0o755); err != nil {
			return // history is a convenience: never fail a cell over it
		}
		f, err := os.OpenFile(h.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			h.path = "" // and do not try again on every cell
			return
		}
		h.file = f
	}
	if h.file != nil {
		b, _ := json.Marshal(e)
		h.file.Write(append(b, '\n'))
	}
}

type historyRequest struct {
	Output  bool   `json:"output"`
	Access  string `json:"hist_access_type"`
	Session int    `json:"session"`
	Start   int    `json:"start"`
	Stop    int    `json:"stop"`
	N       int    `json:"n"`
	Pattern string `json:"pattern"`
	Unique  bool   `json:"unique"`
}

// globRE turns an IPython history glob (* and ?) into a regexp.
func globRE(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?s)^")
	for _, r := range p {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func (h *history) query(content json.RawMessage) map[string]any {
	var req historyRequest
	json.Unmarshal(content, &req)
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	var sel []histEntry
	switch req.Access {
	case "range":
		s := req.Session
		if s <= 0 {
			s += h.session
		}
		for _, e := range h.entries {
			if e.Session == s && e.Line >= req.Start && (req.Stop <= 0 || e.Line < req.Stop) {
				sel = append(sel, e)
			}
		}
	case "search":
		re := globRE(req.Pattern)
		seen := map[string]bool{}
		for i := len(h.entries) - 1; i >= 0; i-- {
			e := h.entries[i]
			if !re.MatchString(e.Input) || (req.Unique && seen[e.Input]) {
				continue
			}
			seen[e.Input] = true
			sel = append([]histEntry{e}, sel...)
			if req.N > 0 && len(sel) >= req.N {
				break
			}
		}
	default: // tail
		sel = h.entries
		if req.N > 0 && len(sel) > req.N {
			sel = sel[len(sel)-req.N:]
		}
	}
	out := make([]any, 0, len(sel))
	for _, e := range sel {
		if req.Output {
			out = append(out, []any{e.Session, e.Line, []any{e.Input, nil}})
		} else {
			out = append(out, []any{e.Session, e.Line, e.Input})
		}
	}
	return map[string]any{"status": "ok", "history": out}
}
