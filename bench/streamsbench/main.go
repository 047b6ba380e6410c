// Command streamsbench measures streams: a tumbling-window group-by on
// decoded alert batches on one core (against the same plan run as a batch
// Frame), and memory across a long windowed run. make bench runs it; the
// Kafka end-to-end cases are in sourcesbench, next to the raw consumer.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/frames"
	"github.com/fountain-go/fountain/sources/sim"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "streamsbench:", err)
		os.Exit(1)
	}
}

// night decodes visits of the simulated survey into batches of about
// 4096 rows, as a Kafka source would hand them over.
func night(visits int) ([]arrow.Record, error) {
	src, err := sim.NewSource(sim.Config{Seed: 9}, sim.SourceConfig{Visits: visits})
	if err != nil {
		return nil, err
	}
	var out, pending []arrow.Record
	rows := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		f := frames.FromRecords(pending...)
		rec, err := f.Record()
		if err != nil {
			return err
		}
		out, pending, rows = append(out, rec), nil, 0
		return nil
	}
	for {
		rec, err := src.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		pending = append(pending, rec)
		if rows += int(rec.NumRows()); rows >= 4096 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return out, flush()
}

// replay hands the night over again and again, each round a day later
// (a "round" column the pipeline adds to the Julian date).
type replay struct {
	recs   []arrow.Record
	rounds int
	i      int
	schema *arrow.Schema
}

func newReplay(recs []arrow.Record, rounds int) *replay {
	fields := append(recs[0].Schema().Fields(), arrow.Field{Name: "round", Type: arrow.PrimitiveTypes.Float64})
	return &replay{recs: recs, rounds: rounds, schema: arrow.NewSchema(fields, nil)}
}

func (r *replay) Schema() *arrow.Schema { return r.schema }
func (r *replay) Next(ctx context.Context) (arrow.Record, error) {
	if r.i >= len(r.recs)*r.rounds {
		return nil, io.EOF
	}
	rec := r.recs[r.i%len(r.recs)]
	round := float64(r.i / len(r.recs))
	r.i++
	b := array.NewFloat64Builder(memory.DefaultAllocator)
	vals := make([]float64, rec.NumRows())
	for i := range vals {
		vals[i] = round
	}
	b.AppendValues(vals, nil)
	cols := append(append([]arrow.Array(nil), rec.Columns()...), b.NewArray())
	return array.NewRecord(r.schema, cols, rec.NumRows()), nil
}

func rows(recs []arrow.Record) int {
	n := 0
	for _, r := range recs {
		n += int(r.NumRows())
	}
	return n
}

// perBand is the pipeline: alerts per 30 s window per band, with the
// mean magnitude.
func perBand(f frames.Frame) frames.Frame {
	c := frames.Col("candidate")
	return f.WithColumn("t", c.Field("jd").Add(frames.Col("round")).FromJD()).
		WithColumn("fid", c.Field("fid")).
		GroupByWindow(frames.Tumbling("t", 30*time.Second), "fid").
		Agg(frames.Count(), c.Field("magpsf").Mean().Alias("mag"))
}

func run() error {
	recs, err := night(1500)
	if err != nil {
		return err
	}
	n := rows(recs)
	runtime.GOMAXPROCS(1)

	batch, err := batchRate(recs)
	if err != nil {
		return err
	}
	runtime.GC()

	rounds := max(1, 10_000_000/n)
	// Throughput, then memory in separate runs (a heap probe stops the world).
	if path := os.Getenv("CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
	}
	q, elapsed, err := windowed(recs, rounds, 0)
	pprof.StopCPUProfile()
	if err != nil {
		return err
	}
	st := q.Stats()
	stream := float64(st.RowsIn) / elapsed.Seconds()
	fmt.Printf("stream-window-30s: fountain=%.1fM rows/s batch-frame=%.1fM rows/s ratio=%.2f (one core, %.1fM rows of decoded alerts; target >= 10M rows/s)\n",
		stream/1e6, batch/1e6, stream/batch, float64(st.RowsIn)/1e6)
	h2, _, err := heldBy(recs, rounds, 2_000_000)
	if err != nil {
		return err
	}
	h10, st, err := heldBy(recs, rounds, 0)
	if err != nil {
		return err
	}
	fmt.Printf("stream-window-memory: held after 2M rows=%.2fMB after %.1fM=%.2fMB growth=%.1f%% (target <= 10%%)\n",
		float64(h2)/(1<<20), float64(st.RowsIn)/1e6, float64(h10)/(1<<20), 100*(float64(h10)/float64(h2)-1))
	return nil
}

// windowed runs the pipeline on rounds of the night.
func windowed(recs []arrow.Record, rounds int, limit int64) (*frames.Query, time.Duration, error) {
	s := frames.StreamFrom(newReplay(recs, rounds)).Apply(func(f frames.Frame) frames.Frame {
		return f.WithColumn("t", frames.Col("candidate").Field("jd").Add(frames.Col("round")).FromJD())
	}).Watermark("t", time.Minute).Apply(func(f frames.Frame) frames.Frame {
		c := frames.Col("candidate")
		return f.WithColumn("fid", c.Field("fid")).
			GroupByWindow(frames.Tumbling("t", 30*time.Second), "fid").
			Agg(frames.Count(), c.Field("magpsf").Mean().Alias("mag"))
	})
	if limit > 0 {
		s = s.Limit(limit)
	}
	start := time.Now()
	q := s.Start()
	err := q.Wait()
	return q, time.Since(start), err
}

// heldBy is the heap a finished query holds (its state, kept rows and
// late rows), over what was live before it ran.
func heldBy(recs []arrow.Record, rounds int, limit int64) (uint64, frames.QueryStats, error) {
	base := heapInUse()
	q, _, err := windowed(recs, rounds, limit)
	if err != nil {
		return 0, frames.QueryStats{}, err
	}
	h := heapInUse()
	runtime.KeepAlive(q)
	return h - min(h, base), q.Stats(), nil
}

// batchRate runs the same plan on the whole night as one Frame.
func batchRate(recs []arrow.Record) (float64, error) {
	all := frames.FromRecords(recs...).WithColumn("round", frames.Lit(0.0))
	if err := all.Err(); err != nil {
		return 0, err
	}
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		if err := perBand(all).Err(); err != nil {
			return 0, err
		}
		best = min(best, time.Since(start))
	}
	return float64(rows(recs)) / best.Seconds(), nil
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
