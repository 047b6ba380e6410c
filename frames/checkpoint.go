package frames

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
)

// Resumable is a BatchSource that can say how far it has read and start
// again from there (a Kafka source reading partitions, a replayed Frame):
// what a query needs to checkpoint and resume without counting a row twice.
type Resumable interface {
	// Position describes the input up to the last batch Next returned.
	Position() ([]byte, error)
	// Resume makes the next batch start right after pos.
	Resume(pos []byte) error
}

// A Committer is a source that records positions elsewhere too (a Kafka
// consumer group's offsets): after each checkpoint, the query commits the
// checkpoint's position.
type Committer interface {
	Commit(pos []byte) error
}

// Checkpoint saves the query's state together with its source's position
// to path every interval, and when it stops; a query of the same pipeline
// started with the same path resumes from there — after a broker or
// kernel restart, each row counts once. The source must be Resumable (both
// sources, for an interval join of two streams: each side's buffered rows,
// watermark and position are saved).
func (s Stream) Checkpoint(path string, every time.Duration) Stream {
	return s.with(func(c *stream) error {
		if path == "" {
			return fmt.Errorf("Checkpoint: no path")
		}
		c.ckptPath, c.ckptEvery = path, every
		return nil
	})
}

// checkpoint is what a checkpoint file holds.
type checkpoint struct {
	Format   int
	Plan     string // the pipeline it belongs to
	Position []byte
	WMCur    int64
	WMMax    int64
	Parts    map[string]int64
	RowsIn   int64
	Batches  int64
	RowsLate int64
	Errors   int64
	Op       []byte
	Late     []byte
	Join     []byte // an interval join of two streams: both inputs (joinSave)
}

// joinSave is what an interval join's inputs hold between batches.
type joinSave struct {
	Sides [2]sideSave
}

type sideSave struct {
	Position     []byte
	WMCur, WMMax int64
	Parts        map[string]int64
	Buf, Late    []byte
	Done         bool
}

const checkpointFormat = 1

// fingerprint identifies a pipeline for its checkpoints.
func (s *stream) fingerprint() string {
	spec := ""
	if s.wm != nil {
		spec = fmt.Sprintf("%+v", *s.wm)
	}
	f := fmt.Sprintf("%s\nwatermark %s lateness %s mode %s", Stream{s}.Explain(), spec, s.lateness, s.mode)
	if j := s.join; j != nil {
		f += fmt.Sprintf("\ninterval join %+v of\n%s\nand\n%s", j.spec, j.left.fingerprint(), j.right.fingerprint())
	}
	return f
}

// saved is a watermark's state for a checkpoint.
func (w *wmState) saved() (cur, max int64, parts map[string]int64) {
	parts = map[string]int64{}
	for k, p := range w.parts {
		parts[k] = p.max
	}
	return w.cur, w.max, parts
}

// restore puts a saved watermark back.
func (w *wmState) restore(cur, max int64, parts map[string]int64) {
	w.cur, w.max = cur, max
	if cur != math.MinInt64 {
		w.start = time.Now().Add(-24 * time.Hour) // partitions were seen before
	}
	for k, m := range parts {
		w.parts[k] = &partWM{max: m, seen: time.Now()}
	}
}

// saveJoin is an interval join's inputs for a checkpoint.
func (js *joinState) save() ([]byte, error) {
	var j joinSave
	for i, s := range js.sides {
		buf, err := tableBytes(s.buf)
		if err != nil {
			return nil, err
		}
		late, err := s.late.table(s.c.batch.Schema())
		if err != nil {
			return nil, err
		}
		lb, err := tableBytes(late)
		if err != nil {
			return nil, err
		}
		ss := sideSave{Position: s.pos, Buf: buf, Late: lb, Done: s.done}
		ss.WMCur, ss.WMMax, ss.Parts = s.wm.saved()
		j.Sides[i] = ss
	}
	return gobBytes(&j)
}

// load restores an interval join's inputs and moves their sources to the
// saved positions.
func (js *joinState) load(b []byte) error {
	var j joinSave
	if err := gobDecode(b, &j); err != nil {
		return err
	}
	for i, s := range js.sides {
		ss := j.Sides[i]
		buf, err := tableFrom(ss.Buf, s.buf.schema)
		if err != nil {
			return err
		}
		late, err := tableFrom(ss.Late, s.c.batch.Schema())
		if err != nil {
			return err
		}
		s.buf, s.late, s.done, s.pos = buf, rowsKept{}, ss.Done, ss.Position
		s.late.add(late, s.st.keep)
		s.wm.restore(ss.WMCur, ss.WMMax, ss.Parts)
		if ss.Position != nil {
			if err := s.src.(Resumable).Resume(ss.Position); err != nil {
				return fmt.Errorf("resume the %s stream's source: %w", [2]string{"left", "right"}[i], err)
			}
		}
	}
	return nil
}

// saveCheckpoint writes the state as it is between batches; the caller
// holds q.mu.
func (q *Query) saveCheckpoint() error {
	op, err := q.op.save()
	if err != nil {
		return err
	}
	late, err := q.late.table(q.c.batch.Schema())
	if err != nil {
		return err
	}
	lb, err := tableBytes(late)
	if err != nil {
		return err
	}
	c := checkpoint{Format: checkpointFormat, Plan: q.st.fingerprint(), Position: q.pos,
		RowsIn: q.stats.RowsIn, Batches: q.stats.Batches, RowsLate: q.stats.RowsLate, Errors: q.stats.Errors,
		Op: op, Late: lb}
	c.WMCur, c.WMMax, c.Parts = q.wm.saved()
	if q.join != nil {
		if c.Join, err = q.join.save(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&c); err != nil {
		return err
	}
	// Write aside, then rename: a crash mid-write leaves the last one.
	tmp, err := os.CreateTemp(filepath.Dir(q.st.ckptPath), ".checkpoint-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), q.st.ckptPath); err != nil {
		return err
	}
	q.lastCkpt = time.Now()
	// Only now may the source's own record move on (a crash in between
	// leaves it behind the checkpoint, which the source skips on resume).
	if c, ok := q.src.(Committer); ok && q.pos != nil {
		if err := c.Commit(q.pos); err != nil {
			return err
		}
	}
	if q.join != nil {
		for _, s := range q.join.sides {
			if c, ok := s.src.(Committer); ok && s.pos != nil {
				if err := c.Commit(s.pos); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// loadCheckpoint restores a query from its checkpoint file, if there is
// one, and moves the source to its position.
func (q *Query) loadCheckpoint(src BatchSource) error {
	var srcs []BatchSource
	if q.join != nil {
		srcs = []BatchSource{q.join.sides[0].src, q.join.sides[1].src}
	} else {
		srcs = []BatchSource{src}
	}
	for _, s := range srcs {
		if _, ok := s.(Resumable); !ok {
			return fmt.Errorf("Checkpoint: the source (%T) cannot resume from a position", s)
		}
	}
	b, err := os.ReadFile(q.st.ckptPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("Checkpoint: %w", err)
	}
	var c checkpoint
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&c); err != nil {
		return fmt.Errorf("Checkpoint: %s is not a checkpoint: %w", q.st.ckptPath, err)
	}
	if c.Format != checkpointFormat || c.Plan != q.st.fingerprint() {
		return fmt.Errorf("Checkpoint: %s belongs to another pipeline (remove it to start afresh)", q.st.ckptPath)
	}
	if err := q.op.load(c.Op); err != nil {
		return fmt.Errorf("Checkpoint: %w", err)
	}
	late, err := tableFrom(c.Late, q.c.batch.Schema())
	if err != nil {
		return fmt.Errorf("Checkpoint: %w", err)
	}
	q.late = rowsKept{}
	q.late.add(late, q.st.keep)
	q.wm.restore(c.WMCur, c.WMMax, c.Parts)
	q.stats.RowsIn, q.stats.Batches, q.stats.RowsLate, q.stats.Errors = c.RowsIn, c.Batches, c.RowsLate, c.Errors
	if q.join != nil {
		if err := q.join.load(c.Join); err != nil {
			return fmt.Errorf("Checkpoint: %w", err)
		}
	} else if q.pos = c.Position; c.Position != nil {
		if err := src.(Resumable).Resume(c.Position); err != nil {
			return fmt.Errorf("Checkpoint: resume the source: %w", err)
		}
	}
	q.stats.Resumed = true
	return nil
}

// tableBytes is t in Arrow's IPC stream format.
func tableBytes(t *table) ([]byte, error) {
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(t.schema))
	if t.n > 0 {
		rec := array.NewRecord(t.schema, t.cols, int64(t.n))
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tableFrom reads tableBytes' output back.
func tableFrom(b []byte, schema *arrow.Schema) (*table, error) {
	if len(b) == 0 {
		return emptyTable(schema), nil
	}
	r, err := ipc.NewReader(bytes.NewReader(b), ipc.WithAllocator(mem))
	if err != nil {
		return nil, err
	}
	defer r.Release()
	var parts []*table
	for r.Next() {
		rec := r.Record()
		rec.Retain()
		parts = append(parts, &table{schema: schema, cols: rec.Columns(), n: int(rec.NumRows())})
	}
	if err := r.Err(); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(parts) == 0 {
		return emptyTable(schema), nil
	}
	return concatTables(schema, parts)
}

func gobDecode(b []byte, v any) error { return gob.NewDecoder(bytes.NewReader(b)).Decode(v) }

func gobBytes(v any) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(v)
	return buf.Bytes(), err
}

func (r *rowsOp) save() ([]byte, error) {
	t, err := r.result()
	if err != nil {
		return nil, err
	}
	return tableBytes(t)
}

func (r *rowsOp) load(b []byte) error {
	t, err := tableFrom(b, r.schema)
	if err != nil {
		return err
	}
	r.rows = rowsKept{}
	r.rows.add(t, r.keep)
	return nil
}

func (k *topkOp) save() ([]byte, error) {
	t, err := k.result()
	if err != nil {
		return nil, err
	}
	return tableBytes(t)
}

func (k *topkOp) load(b []byte) error {
	t, err := tableFrom(b, k.plan.Schema())
	if err != nil {
		return err
	}
	k.state = t
	return nil
}

// aggSave is an aggregation's state: its open groups and closed rows.
type aggSave struct {
	Keys   []byte
	Slots  int
	Ends   []int64
	Quiet  bool
	Parts  []partSave
	Closed []byte
}

type partSave struct {
	Cnt, ISum, EI     []int64
	FSum, N, Mean, M2 []float64
	EF                []float64
	ES                []string
	Has               []bool
	Sets              []map[string]bool
	Vals              [][]float64
}

func (a *aggOp) save() ([]byte, error) {
	live := a.liveSlots()
	if _, err := a.rows(nil); err != nil { // folds the new keys in
		return nil, err
	}
	keys, err := takeTable(a.keys, live)
	if err != nil {
		return nil, err
	}
	s := aggSave{Slots: len(live), Quiet: a.quiet}
	if len(a.node.keys) > 0 {
		if s.Keys, err = tableBytes(keys); err != nil {
			return nil, err
		}
	}
	s.Ends = gatherSome(a.ends, live)
	for _, p := range a.parts {
		s.Parts = append(s.Parts, p.saved(live))
	}
	closed, err := a.closed.table(a.node.schema)
	if err != nil {
		return nil, err
	}
	if s.Closed, err = tableBytes(closed); err != nil {
		return nil, err
	}
	return gobBytes(&s)
}

func (a *aggOp) load(b []byte) error {
	var s aggSave
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&s); err != nil {
		return err
	}
	if len(s.Parts) != len(a.parts) {
		return fmt.Errorf("the aggregation has %d parts, the checkpoint %d", len(a.parts), len(s.Parts))
	}
	keys := &table{schema: a.keySch, n: s.Slots}
	if len(a.node.keys) > 0 {
		var err error
		if keys, err = tableFrom(s.Keys, a.keySch); err != nil {
			return err
		}
	}
	a.keys, a.newKeys = keys, nil
	a.enc = make([]string, keys.n)
	a.live = make([]bool, keys.n)
	a.slots = make(map[string]int32, keys.n)
	for i := range keys.n {
		a.enc[i] = rowKey(keys.cols, i)
		a.live[i] = true
		a.slots[a.enc[i]] = int32(i)
	}
	a.nlive, a.ends, a.quiet = keys.n, s.Ends, s.Quiet
	for i, p := range a.parts {
		p.setSaved(s.Parts[i])
		p.grow(keys.n) // gob leaves empty slices nil
	}
	closed, err := tableFrom(s.Closed, a.node.schema)
	if err != nil {
		return err
	}
	a.closed = rowsKept{}
	a.closed.add(closed, a.keep)
	return nil
}
