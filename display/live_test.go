package display

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/fountain-go/fountain/frames"
)

// liveRecorder keeps every display call with its time.
type liveRecorder struct {
	mu    sync.Mutex
	calls []liveCall
}

type liveCall struct {
	b      Bundle
	id     string
	update bool
	at     time.Time
}

func (r *liveRecorder) Display(b Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, liveCall{b, id, update, time.Now()})
}
func (r *liveRecorder) Clear(bool) {}

func (r *liveRecorder) snapshot() []liveCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]liveCall(nil), r.calls...)
}

func TestLiveTable(t *testing.T) {
	r := &liveRecorder{}
	old := SetPublisher(r)
	defer SetPublisher(old)

	sch := arrow.NewSchema([]arrow.Field{{Name: "band", Type: arrow.BinaryTypes.String}, {Name: "mag", Type: arrow.PrimitiveTypes.Float64}}, nil)
	ch := make(chan frames.Frame)
	q := frames.StreamFromChan(sch, ch).Named("per band").GroupBy("band").Agg(frames.Count(), frames.Col("mag").Max()).Start()
	every := 100 * time.Millisecond
	l := Live(q, LiveOptions{Every: every})
	send := func(bands ...string) {
		mags := make([]float64, len(bands))
		for i := range mags {
			mags[i] = 18 + float64(i)
		}
		ch <- frames.New(frames.Column("band", bands), frames.Column("mag", mags))
	}
	// A burst: many batches within one throttle interval coalesce.
	for range 50 {
		send("g", "r")
	}
	time.Sleep(3 * every)
	send("i")
	time.Sleep(3 * every)
	close(ch)
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	l.Wait()

	calls := r.snapshot()
	if len(calls) < 3 {
		t.Fatalf("%d display calls, want the table, updates and the final table", len(calls))
	}
	if calls[0].update || calls[0].id != l.ID() {
		t.Fatalf("first call %+v: want a new display with the table's id", calls[0])
	}
	for i, c := range calls[1:] {
		if !c.update || c.id != l.ID() {
			t.Fatalf("call %d: update=%v id=%s, want updates of %s", i+1, c.update, c.id, l.ID())
		}
	}
	// The throttle: updates at least Every apart (the last, at the end of
	// the stream, is not held back).
	for i := 2; i < len(calls)-1; i++ {
		if gap := calls[i].at.Sub(calls[i-1].at); gap < every*9/10 {
			t.Fatalf("updates %d and %d only %s apart, throttle %s", i-1, i, gap, every)
		}
	}
	if len(calls) > 20 {
		t.Fatalf("%d updates for 51 batches in under a second: not coalesced", len(calls))
	}
	final := calls[len(calls)-1].b
	text := final.Data[MIMEText].(string)
	for _, want := range []string{"per band", "ended", "101 rows in", "g", "50"} {
		if !strings.Contains(text, want) {
			t.Fatalf("final table lacks %q:\n%s", want, text)
		}
	}
	// The "i" row was new in one update: it was highlighted there, and the
	// final table has no highlight.
	marked := false
	for _, c := range calls {
		h := c.b.Data[MIMEHTML].(string)
		if strings.Contains(h, "background:#fff1a8") && strings.Contains(h, ">i<") {
			marked = true
		}
	}
	if !marked {
		t.Fatal("no update highlighted the new row")
	}
	if strings.Contains(final.Data[MIMEHTML].(string), "background:#fff1a8") {
		t.Fatal("the final table still highlights cells")
	}
	if _, biggest := l.Stats(); biggest > maxLivePayload {
		t.Fatalf("an update of %d bytes", biggest)
	}
}

func TestLiveTableBoundsRowsAndPayload(t *testing.T) {
	r := &liveRecorder{}
	old := SetPublisher(r)
	defer SetPublisher(old)
	n := 5000
	names := make([]string, n)
	for i := range names {
		names[i] = strings.Repeat("x", 200) + string(rune('a'+i%26)) + strings.Repeat("y", i%7)
	}
	f := frames.New(frames.Column("name", names), frames.Column("i", make([]int64, n)))
	q := frames.StreamOf(f, 100).Start()
	if err := q.Wait(); err != nil {
		t.Fatal(err)
	}
	l := Live(q, LiveOptions{Rows: 1000, SortBy: []frames.SortKey{frames.Asc("name")}})
	l.Wait()
	for _, c := range r.snapshot() {
		size := len(c.b.Data[MIMEHTML].(string)) + len(c.b.Data[MIMEText].(string))
		if size > maxLivePayload {
			t.Fatalf("an update of %d bytes, bound %d", size, maxLivePayload)
		}
	}
	if !strings.Contains(r.snapshot()[0].b.Data[MIMEText].(string), "of 5,000 rows") {
		t.Fatalf("status line does not say how many rows there are:\n%s", r.snapshot()[0].b.Data[MIMEText])
	}
}

// Live shows a running query as a table that updates in place; in a
// notebook, a *frames.Query as a cell's value does the same.
func ExampleLive() {
	ch := make(chan frames.Frame)
	q := frames.StreamFromChan(frames.New(frames.Column("band", []string{})).Schema(), ch).
		GroupBy("band").Agg(frames.Count()).
		Named("alerts per band").
		Start()
	table := Live(q, LiveOptions{Every: 500 * time.Millisecond, SortBy: []frames.SortKey{frames.Desc("count")}})
	ch <- frames.New(frames.Column("band", []string{"g", "r", "g"}))
	close(ch)
	table.Wait() // the query ended: the final table is shown
}

func TestProgressBars(t *testing.T) {
	r := &liveRecorder{}
	old := SetPublisher(r)
	defer SetPublisher(old)
	report := ProgressBars()
	report(frames.Progress{Task: "read a.parquet", Done: 100, Total: 400, Elapsed: time.Second})
	report(frames.Progress{Task: "read a.parquet", Done: 400, Total: 400, Elapsed: 2 * time.Second, Finished: true})
	report(frames.Progress{Task: "read a.parquet", Done: 5, Elapsed: time.Second})
	calls := r.snapshot()
	if len(calls) != 3 || calls[0].update || !calls[1].update || calls[1].id != calls[0].id || calls[2].update || calls[2].id == calls[0].id {
		t.Fatalf("calls %+v", calls)
	}
	if txt := calls[0].b.Data[MIMEText].(string); !strings.Contains(txt, "100 of 400 rows (25%)") {
		t.Fatal(txt)
	}
	if txt := calls[1].b.Data[MIMEText].(string); !strings.Contains(txt, "400 rows in 2.0 s (200 rows/s)") {
		t.Fatal(txt)
	}
}
