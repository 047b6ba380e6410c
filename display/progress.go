package display

import (
	"fmt"
	"html"
	"sync"

	"github.com/fountain-go/fountain/frames"
)

// ProgressBars returns a receiver for frames.SetProgress that shows each
// long load as a bar in the cell's output, updated in place, and ends it
// with what was loaded and how fast. The kernel installs one.
func ProgressBars() func(frames.Progress) {
	var mu sync.Mutex
	shown := map[string]*Handle{} // by task, while it runs
	return func(p frames.Progress) {
		b := progressBundle(p)
		mu.Lock()
		h := shown[p.Task]
		if h == nil {
			h = &Handle{id: newDisplayID()}
			shown[p.Task] = h
			mu.Unlock()
			current().Display(b, h.id, false)
		} else {
			mu.Unlock()
			current().Display(b, h.id, true)
		}
		if p.Finished {
			mu.Lock()
			delete(shown, p.Task)
			mu.Unlock()
		}
	}
}

func progressBundle(p frames.Progress) Bundle {
	secs := p.Elapsed.Seconds()
	var text string
	frac := 0.0
	switch {
	case p.Finished:
		rate := ""
		if secs > 0 {
			rate = fmt.Sprintf(" (%s rows/s)", thousands(int64(float64(p.Done)/secs)))
		}
		text = fmt.Sprintf("%s: %s rows in %.1f s%s", p.Task, thousands(p.Done), secs, rate)
		frac = 1
	case p.Total > 0:
		frac = float64(p.Done) / float64(p.Total)
		text = fmt.Sprintf("%s: %s of %s rows (%.0f%%) · %.1f s", p.Task, thousands(p.Done), thousands(p.Total), 100*frac, secs)
	default:
		text = fmt.Sprintf("%s: %s rows · %.1f s", p.Task, thousands(p.Done), secs)
	}
	bar := fmt.Sprintf(`<div style="width:320px;height:8px;background:#e8e8e8;border-radius:4px;margin:2px 0"><div style="width:%.1f%%;height:8px;background:#4a90d9;border-radius:4px"></div></div>`, 100*min(frac, 1))
	h := `<div style="font-family:monospace;font-size:90%;color:#444">` + bar + html.EscapeString(text) + `</div>`
	return Bundle{Data: map[string]any{MIMEText: text, MIMEHTML: h}}
}
