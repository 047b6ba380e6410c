package display

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"

	"github.com/fountain-go/fountain/frames"
)

// LiveOptions tune a live table; the zero value shows the newest 20 rows,
// updated at most four times a second.
type LiveOptions struct {
	// Every is the shortest time between two updates (default 250 ms):
	// changes in between coalesce, the latest state wins.
	Every time.Duration
	// Rows bounds the rows shown (default 20).
	Rows int
	// SortBy shows the first Rows rows in this order (frames.Desc("count")
	// for the busiest groups) instead of the newest rows.
	SortBy []frames.SortKey
	// Title goes above the table (default the query's name).
	Title string
	// Chart, when set, shows the result as this chart instead of a table
	// (all rows, or the first Rows in SortBy order when SortBy is set).
	Chart *Chart
}

// maxLivePayload bounds one update's size: the rows shown are halved until
// the table fits.
const maxLivePayload = 64 << 10

// highlight is how long changed cells stay marked.
const highlight = time.Second

// A LiveTable shows a running query as a table that updates in place: the
// current result, changed cells marked for a moment, and a status line
// (rows in, rate, watermark, late rows). It runs in its own goroutine, on
// while other cells run, and ends with the query, showing the final table.
type LiveTable struct {
	q    *frames.Query
	opt  LiveOptions
	id   string
	stop chan struct{}
	done chan struct{}
	once sync.Once

	mu      sync.Mutex
	prev    map[string][]string // row identity -> cells, as last shown
	updates int
	bytes   int // size of the largest update
}

// Live shows q as a live table and keeps it up to date until q ends or the
// table is stopped. Showing a *frames.Query as a cell's value does this.
func Live(q *frames.Query, opts ...LiveOptions) *LiveTable {
	l := newLive(q, opts)
	current().Display(l.render(false), l.id, false)
	go l.loop()
	return l
}

func newLive(q *frames.Query, opts []LiveOptions) *LiveTable {
	var opt LiveOptions
	if len(opts) > 0 {
		opt = opts[0]
	}
	if opt.Every <= 0 {
		opt.Every = 250 * time.Millisecond
	}
	if opt.Rows <= 0 {
		opt.Rows = 20
	}
	if opt.Title == "" {
		opt.Title = q.Name()
	}
	return &LiveTable{q: q, opt: opt, id: newDisplayID(), stop: make(chan struct{}), done: make(chan struct{})}
}

// Stop stops updating the table (the query goes on; Stop it for that).
func (l *LiveTable) Stop() {
	l.once.Do(func() { close(l.stop) })
	<-l.done
}

// Wait blocks until the query ends and the final table is shown.
func (l *LiveTable) Wait() { <-l.done }

// ID is the display_id the table updates.
func (l *LiveTable) ID() string { return l.id }

// Render is the table as it is now, so a LiveTable shown again (or outside
// a notebook) gives its current state.
func (l *LiveTable) Render() Bundle { return l.render(false) }

// Stats reports how many updates were sent and the largest one in bytes.
func (l *LiveTable) Stats() (updates, maxBytes int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.updates, l.bytes
}

func (l *LiveTable) loop() {
	defer close(l.done)
	tick := time.NewTicker(l.opt.Every)
	defer tick.Stop()
	seen := l.q.Version()
	var marked, last time.Time
	send := func(mark bool) {
		b := l.render(mark)
		current().Display(b, l.id, true)
		last = time.Now()
		if mark {
			marked = last
		}
	}
	for {
		select {
		case <-l.stop:
			return
		case <-l.q.Done():
			l.prev = nil // the final table: nothing marked
			send(false)
			return
		case now := <-tick.C:
			switch v := l.q.Version(); {
			case v != seen:
				seen = v
				send(true)
			case !marked.IsZero() && now.Sub(marked) >= highlight:
				marked = time.Time{}
				send(false) // unmark
			case now.Sub(last) >= time.Second:
				send(false) // the status line's rate and clock
			}
		}
	}
}

// render builds the table; with mark, cells that changed since the last
// render are highlighted.
func (l *LiveTable) render(mark bool) Bundle {
	snap := l.q.Snapshot()
	total := snap.Len()
	if c := l.opt.Chart; c != nil {
		view := snap
		if len(l.opt.SortBy) > 0 {
			view = snap.TopK(l.opt.Rows, l.opt.SortBy...)
		}
		chart := *c
		if chart.title == "" {
			chart.title = l.opt.Title
		}
		b := chart.Of(view)
		status := l.status(total, view.Len())
		svg, _ := b.Data[MIMESVG].(string)
		h := `<div class="fountain-live">` + svg + `<p style="color:#666;font-size:85%;margin:4px 0">` + html.EscapeString(status) + `</p></div>`
		if svg == "" {
			h = b.Data[MIMEHTML].(string)
		}
		l.mu.Lock()
		l.updates++
		l.bytes = max(l.bytes, len(h))
		l.mu.Unlock()
		return Bundle{Data: map[string]any{MIMEText: b.Data[MIMEText].(string) + "\n" + status, MIMEHTML: h}}
	}
	rows := l.opt.Rows
	for {
		view := snap.Tail(rows)
		if len(l.opt.SortBy) > 0 {
			view = snap.TopK(rows, l.opt.SortBy...)
		}
		p := view.Preview(rows, 0, tableCols)
		if p.Err != nil {
			return Table(view)
		}
		l.mu.Lock()
		marks, next := changedCells(p, l.prev, mark)
		l.mu.Unlock()
		status := l.status(total, len(p.Head))
		h := liveHTML(l.opt.Title, tableHTML(p, marks, status))
		text := l.opt.Title + "\n" + p.Text() + "\n" + status
		if len(h)+len(text) <= maxLivePayload || rows <= 1 {
			l.mu.Lock()
			l.prev = next
			l.updates++
			l.bytes = max(l.bytes, len(h)+len(text))
			l.mu.Unlock()
			return Bundle{Data: map[string]any{MIMEText: text, MIMEHTML: h}}
		}
		rows /= 2
	}
}

func liveHTML(title, table string) string {
	return `<div class="fountain-live"><div style="font-weight:bold;margin:2px 0">` + html.EscapeString(title) + `</div>` + table + `</div>`
}

// status is the line under a live table.
func (l *LiveTable) status(total, shown int) string {
	s := l.q.Stats()
	parts := []string{s.State(), fmt.Sprintf("%s rows in", thousands(s.RowsIn)), fmt.Sprintf("%s/s", thousands(int64(s.Rate)))}
	if !s.Watermark.IsZero() {
		if s.Ended {
			parts = append(parts, "watermark: end of input")
		} else {
			parts = append(parts, "watermark "+s.Watermark.Format("2006-01-02 15:04:05"))
		}
	}
	if s.Lag >= 0 {
		parts = append(parts, fmt.Sprintf("lag %s", thousands(s.Lag)))
	}
	parts = append(parts, fmt.Sprintf("%s late", thousands(s.RowsLate)))
	if s.Errors > 0 {
		parts = append(parts, fmt.Sprintf("%d errors", s.Errors))
	}
	parts = append(parts, fmt.Sprintf("showing %d of %s rows", shown, thousands(int64(total))))
	parts = append(parts, "at "+time.Now().Format("15:04:05"))
	return strings.Join(parts, " · ")
}

// changedCells compares the shown rows with the last shown: a row is known
// by its non-numeric cells (group keys, window bounds); a new row is marked
// whole, a known row where its numbers changed.
func changedCells(p frames.Preview, prev map[string][]string, mark bool) ([][]bool, map[string][]string) {
	next := make(map[string][]string, len(p.Head))
	var marks [][]bool
	if mark && prev != nil {
		marks = make([][]bool, len(p.Head))
	}
	for i, cells := range p.Head {
		id := rowIdentity(p, cells, i)
		next[id] = cells
		if marks == nil {
			continue
		}
		old, ok := prev[id]
		m := make([]bool, len(cells))
		for j := range cells {
			m[j] = !ok || old[j] != cells[j]
		}
		marks[i] = m
	}
	return marks, next
}

func rowIdentity(p frames.Preview, cells []string, i int) string {
	var b strings.Builder
	keyed := false
	for j, c := range cells {
		if !p.Numeric[j] {
			keyed = true
			b.WriteString(c)
			b.WriteByte(0)
		}
	}
	if !keyed {
		return fmt.Sprint(i)
	}
	return b.String()
}

// thousands formats n with separators: 1,234,567.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
