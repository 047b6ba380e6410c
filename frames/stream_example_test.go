package frames_test

import (
	"fmt"
	"time"

	"github.com/fountain-go/fountain/frames"
)

// detections is a few detections of one night, as a Frame.
func detections() frames.Frame {
	at := func(s int) time.Time { return time.Date(2026, 11, 23, 22, 0, s, 0, time.UTC) }
	return frames.New(
		frames.Column("t", []time.Time{at(3), at(12), at(31), at(29), at(45), at(64)}),
		frames.Column("band", []string{"g", "r", "g", "g", "r", "g"}),
		frames.Column("mag", []float64{18.2, 19.5, 18.0, 20.1, 19.7, 17.9}),
	)
}

// A pipeline is a func from Frame to Frame: the same code gives a batch
// result on a Frame and an incremental one on a Stream.
func ExampleStream_Apply() {
	perWindow := func(f frames.Frame) frames.Frame {
		return f.GroupByWindow(frames.Tumbling("t", 30*time.Second), "band").
			Agg(frames.Count(), frames.Col("mag").Min().Alias("brightest"))
	}
	batch := perWindow(detections()).Sort("window_start", "band")
	// The same rows as a stream, in batches of two.
	stream := frames.StreamOf(detections(), 2).Watermark("t", 5*time.Second).
		Apply(perWindow).Collect().Sort("window_start", "band")
	fmt.Println(batch)
	fmt.Println(stream.String() == batch.String())
	// Output:
	// window_start         window_end           band  count  brightest
	// ts[us]               ts[us]               str     i64        f64
	// 2026-11-23 22:00:00  2026-11-23 22:00:30  g         2       18.2
	// 2026-11-23 22:00:00  2026-11-23 22:00:30  r         1       19.5
	// 2026-11-23 22:00:30  2026-11-23 22:01:00  g         1       18.0
	// 2026-11-23 22:00:30  2026-11-23 22:01:00  r         1       19.7
	// 2026-11-23 22:01:00  2026-11-23 22:01:30  g         1       17.9
	// 5 rows × 5 columns
	// true
}

// Rows that come after the watermark has closed their window are kept
// aside, not counted and not lost.
func ExampleQuery_Late() {
	q := frames.StreamOf(detections(), 1).
		Watermark("t", 0). // no out-of-orderness allowed
		GroupByWindow(frames.Tumbling("t", 30*time.Second)).Count().
		Start()
	q.Wait()
	fmt.Println(q.Late().Select("t", "band"))
	fmt.Println(q.Stats().RowsLate)
	// Output:
	// t                    band
	// ts[us]               str
	// 2026-11-23 22:00:29  g
	// 1 rows × 2 columns
	// 1
}

// Start runs a stream in the background; Snapshot reads its result at
// any time, Stop ends it.
func ExampleStream_Start() {
	ch := make(chan frames.Frame)
	q := frames.StreamFromChan(detections().Schema(), ch).
		GroupBy("band").Agg(frames.Count()).
		Start()
	ch <- detections().Head(3)
	ch <- detections().Tail(3)
	close(ch)
	q.Wait()
	fmt.Println(q.Snapshot().Sort("band"))
	// Output:
	// band  count
	// str     i64
	// g         4
	// r         2
	// 2 rows × 2 columns
}

// A Sink gets the changes of the result: rows inserted (+I), and updated
// (-U for the row before, +U after).
func ExampleStream_Sink() {
	f := detections().Head(3)
	frames.StreamOf(f, 1).Agg(frames.Count()).
		Sink(func(changes frames.Frame) error {
			rows, _ := changes.Rows()
			for _, r := range rows {
				fmt.Println(r["op"], r["count"])
			}
			return nil
		}).Collect()
	// Output:
	// +I 1
	// -U 1
	// +U 2
	// -U 2
	// +U 3
}

func ExampleTumbling() {
	fmt.Println(detections().Window(frames.Tumbling("t", time.Minute)).Select("t", "window_start").Head(2))
	// Output:
	// t                    window_start
	// ts[us]               ts[us]
	// 2026-11-23 22:00:03  2026-11-23 22:00:00
	// 2026-11-23 22:00:12  2026-11-23 22:00:00
	// 2 rows × 2 columns
}
