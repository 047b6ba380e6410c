package file

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// ReplayConfig says how to replay recorded batches as a stream.
type ReplayConfig struct {
	// TimeColumn holds event time: a timestamp column, or numbers in
	// TimeUnit (a Julian or modified Julian date counts days: 24 h).
	TimeColumn string
	TimeUnit   time.Duration // for numeric time columns (default 24 h)
	// Speed is event time per wall time: 3600 plays an hour of events in
	// a second. 0 replays as fast as the consumer takes them.
	Speed     float64
	BatchRows int // rows per emitted batch (default 4096)
}

// Replay emits the rows of recs in event-time order (ties keep file
// order), in batches, paced by Speed, until done or ctx ends. The batches
// passed to emit are released after it returns.
func Replay(ctx context.Context, recs []arrow.Record, cfg ReplayConfig, emit func(arrow.Record) error) error {
	if len(recs) == 0 {
		return nil
	}
	if cfg.TimeUnit == 0 {
		cfg.TimeUnit = 24 * time.Hour
	}
	if cfg.BatchRows <= 0 {
		cfg.BatchRows = 4096
	}
	all, err := concat(recs)
	if err != nil {
		return err
	}
	defer all.Release()
	idx := all.Schema().FieldIndices(cfg.TimeColumn)
	if len(idx) == 0 {
		return fmt.Errorf("replay: no time column %q", cfg.TimeColumn)
	}
	times, err := eventTimes(all.Column(idx[0]), cfg.TimeUnit)
	if err != nil {
		return fmt.Errorf("replay: time column %q: %w", cfg.TimeColumn, err)
	}
	order := make([]int64, len(times))
	for i := range order {
		order[i] = int64(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return times[order[a]] < times[order[b]] })
	start, t0 := time.Now(), times[order[0]]
	mem := memory.DefaultAllocator
	for lo := 0; lo < len(order); lo += cfg.BatchRows {
		hi := min(lo+cfg.BatchRows, len(order))
		if cfg.Speed > 0 {
			due := start.Add(time.Duration((times[order[lo]] - t0) / cfg.Speed * float64(time.Second)))
			select {
			case <-time.After(time.Until(due)):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		ib := array.NewInt64Builder(mem)
		ib.AppendValues(order[lo:hi], nil)
		indices := ib.NewArray()
		ib.Release()
		out, err := compute.Take(ctx, *compute.DefaultTakeOptions(), compute.NewDatumWithoutOwning(all), compute.NewDatumWithoutOwning(indices))
		indices.Release()
		if err != nil {
			return fmt.Errorf("replay: %w", err)
		}
		rec := out.(*compute.RecordDatum).Value
		err = emit(rec)
		out.Release()
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// concat joins batches of one schema into one.
func concat(recs []arrow.Record) (arrow.Record, error) {
	schema := recs[0].Schema()
	cols := make([]arrow.Array, schema.NumFields())
	var rows int64
	for _, r := range recs {
		rows += r.NumRows()
	}
	for i := range cols {
		parts := make([]arrow.Array, len(recs))
		for j, r := range recs {
			parts[j] = r.Column(i)
		}
		c, err := array.Concatenate(parts, memory.DefaultAllocator)
		if err != nil {
			return nil, fmt.Errorf("replay: column %s: %w", schema.Field(i).Name, err)
		}
		cols[i] = c
	}
	rec := array.NewRecord(schema, cols, rows)
	for _, c := range cols {
		c.Release()
	}
	return rec, nil
}

// eventTimes converts a time column to seconds (nulls sort first).
func eventTimes(col arrow.Array, unit time.Duration) ([]float64, error) {
	out := make([]float64, col.Len())
	scale := unit.Seconds()
	switch c := col.(type) {
	case *array.Float64:
		for i := range out {
			out[i] = c.Value(i) * scale
		}
	case *array.Float32:
		for i := range out {
			out[i] = float64(c.Value(i)) * scale
		}
	case *array.Int64:
		for i := range out {
			out[i] = float64(c.Value(i)) * scale
		}
	case *array.Timestamp:
		u := c.DataType().(*arrow.TimestampType).Unit
		for i := range out {
			out[i] = float64(c.Value(i)) * u.Multiplier().Seconds()
		}
	default:
		return nil, fmt.Errorf("type %s is not a time", col.DataType())
	}
	for i := range out {
		if col.IsNull(i) {
			out[i] = math.Inf(-1)
		}
	}
	return out, nil
}
