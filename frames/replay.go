package frames

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Replay plays a recorded Frame back as a live stream: rows in order of
// their time column, each when its time comes, speed times faster than they
// happened (a night of alerts in minutes at speed 300); speed 0 plays as
// fast as the rows are taken. Batches hold at most batchRows rows. The
// stream can resume from a checkpoint.
func Replay(f Frame, timeCol string, speed float64, batchRows int) Stream {
	sorted := f.Filter(Col(timeCol).IsNotNull()).Sort(timeCol)
	t, err := sorted.table()
	if err != nil {
		return Stream{&stream{err: fmt.Errorf("Replay: %w", err)}}
	}
	c := t.col(timeCol)
	if c.DataType().ID() != arrow.TIMESTAMP {
		return Stream{&stream{err: fmt.Errorf("Replay: %q is %s, not a timestamp", timeCol, c.DataType())}}
	}
	ts, _, err := nanosOf(c)
	if err != nil {
		return Stream{&stream{err: fmt.Errorf("Replay: %w", err)}}
	}
	step := max(batchRows, 1)
	return newStream(t.schema, func() BatchSource { return &replaySource{t: t, ts: ts, speed: speed, step: step} })
}

// replaySource hands out a table's rows in batches: as their time comes
// (speed > 0), or as fast as they are taken (StreamOf, speed 0).
type replaySource struct {
	t     *table
	ts    []int64 // ns, ascending (only with a speed)
	speed float64
	step  int
	at    int
	start time.Time // wall time of the first row
	first int64     // event time of the first row handed out
}

func (s *replaySource) Schema() *arrow.Schema { return s.t.schema }

func (s *replaySource) Next(ctx context.Context) (arrow.Record, error) {
	if s.at >= s.t.n {
		return nil, io.EOF
	}
	hi := min(s.at+s.step, s.t.n)
	if s.speed > 0 {
		if s.start.IsZero() {
			s.start, s.first = time.Now(), s.ts[s.at]
		}
		// Event time now, on the replay's clock.
		due := func(i int) time.Duration {
			return time.Duration(float64(s.ts[i]-s.first) / s.speed)
		}
		if wait := due(s.at) - time.Since(s.start); wait > 0 {
			timer := time.NewTimer(min(wait, 250*time.Millisecond))
			select {
			case <-ctx.Done():
				timer.Stop()
				return nil, ctx.Err()
			case <-timer.C:
			}
			return nil, nil // maybe nothing yet: the caller asks again
		}
		now := time.Since(s.start)
		end := s.at + 1
		for end < hi && due(end) <= now {
			end++
		}
		hi = end
	} else if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := sliceTable(s.t, s.at, hi)
	s.at = hi
	return array.NewRecord(p.schema, p.cols, int64(p.n)), nil
}

// Position implements Resumable.
func (s *replaySource) Position() ([]byte, error) { return []byte(strconv.Itoa(s.at)), nil }

// Resume implements Resumable.
func (s *replaySource) Resume(pos []byte) error {
	at, err := strconv.Atoi(string(pos))
	if err != nil || at < 0 || at > s.t.n {
		return fmt.Errorf("replay position %q is not a row of the %d", pos, s.t.n)
	}
	s.at = at
	return nil
}
