package frames

import (
	"math"
	"slices"
)

// sessionOp runs session windows on a stream. A session can grow, and two
// can merge, while rows may still come within its gap; so it keeps the rows
// of open sessions and recomputes their sessions and aggregates from them.
// A session is final when the watermark (less the allowed lateness) passes
// its end; its rows are then let go.
type sessionOp struct {
	win      *windowNode // the session assignment, over leaf
	leaf     *leafNode
	agg      *aggNode // over win
	gap      int64    // ns
	lateness int64
	mode     Mode
	keep     int
	open     *table // rows of open sessions
	closed   rowsKept
	// The sessions of open as last computed: add (for changes), advance
	// and result all want them, and open changes only in add and advance.
	memo struct{ of, rows, agg *table }
}

// sessionsOf assigns t's rows to sessions and aggregates them.
func (s *sessionOp) sessionsOf(t *table) (rows, agg *table, err error) {
	if s.memo.of == t {
		return s.memo.rows, s.memo.agg, nil
	}
	if rows, err = runOver(s.win, s.leaf, t); err != nil {
		return nil, nil, err
	}
	if agg, err = s.agg.run([]*table{rows}); err != nil {
		return nil, nil, err
	}
	s.memo.of, s.memo.rows, s.memo.agg = t, rows, agg
	return rows, agg, nil
}

func (s *sessionOp) add(t *table, wm int64, changes bool) (*table, *table, error) {
	var late *table
	if wm != math.MinInt64 && t.n > 0 {
		ts, valid, err := nanosOf(t.col(s.win.w.col))
		if err != nil {
			return nil, nil, err
		}
		// A row whose own session would already be over is late.
		var in *table
		if in, late, err = keepIf(t, ts, valid, func(x int64) bool { return x+s.gap+s.lateness > wm }); err != nil {
			return nil, nil, err
		}
		// Rows without a time are in no session (as in a batch Window),
		// not late.
		if late != nil {
			lvalid := validity(late.col(s.win.w.col))
			var keep []int32
			for i := range late.n {
				if isValid(lvalid, i) {
					keep = append(keep, int32(i))
				}
			}
			if late, err = takeTable(late, keep); err != nil {
				return nil, nil, err
			}
		}
		t = in
	}
	var before *table
	var err error
	if changes {
		if _, before, err = s.sessionsOf(s.open); err != nil {
			return nil, nil, err
		}
	}
	if s.open, err = concatTables(s.open.schema, []*table{s.open, t}); err != nil {
		return nil, nil, err
	}
	if !changes {
		return late, nil, nil
	}
	_, after, err := s.sessionsOf(s.open)
	if err != nil {
		return nil, nil, err
	}
	ch, err := rowDiff(before, after)
	return late, ch, err
}

func (s *sessionOp) advance(wm int64) (*table, error) {
	if wm == math.MinInt64 || s.open.n == 0 {
		return nil, nil
	}
	rows, agg, err := s.sessionsOf(s.open)
	if err != nil {
		return nil, err
	}
	done := func(end int64) bool { return wm == math.MaxInt64 || end+s.lateness <= wm }
	ends, _, err := nanosOf(agg.col(WindowEnd))
	if err != nil {
		return nil, err
	}
	var fin []int32
	for i, e := range ends {
		if done(e) {
			fin = append(fin, int32(i))
		}
	}
	if len(fin) == 0 {
		return nil, nil
	}
	final, err := takeTable(agg, fin)
	if err != nil {
		return nil, err
	}
	s.closed.add(final, s.keep)
	// Let go of the rows of final sessions.
	rends, _, err := nanosOf(rows.col(WindowEnd))
	if err != nil {
		return nil, err
	}
	var keep []int32
	for i, e := range rends {
		if !done(e) {
			keep = append(keep, int32(i))
		}
	}
	kept, err := takeTable(rows, keep)
	if err != nil {
		return nil, err
	}
	n := s.open.schema.NumFields()
	s.open = &table{schema: s.open.schema, cols: slices.Clone(kept.cols[:n]), n: kept.n}
	return final, nil
}

func (s *sessionOp) result() (*table, error) {
	closed, err := s.closed.table(s.agg.Schema())
	if err != nil {
		return nil, err
	}
	if s.mode == Append {
		return closed, nil
	}
	_, open, err := s.sessionsOf(s.open)
	if err != nil {
		return nil, err
	}
	return concatTables(s.agg.Schema(), []*table{closed, open})
}

func (s *sessionOp) size() int { return s.open.n }

func (s *sessionOp) save() ([]byte, error) {
	open, err := tableBytes(s.open)
	if err != nil {
		return nil, err
	}
	closed, err := s.closed.table(s.agg.Schema())
	if err != nil {
		return nil, err
	}
	cb, err := tableBytes(closed)
	if err != nil {
		return nil, err
	}
	return gobBytes(&[2][]byte{open, cb})
}

func (s *sessionOp) load(b []byte) error {
	var parts [2][]byte
	if err := gobDecode(b, &parts); err != nil {
		return err
	}
	open, err := tableFrom(parts[0], s.open.schema)
	if err != nil {
		return err
	}
	closed, err := tableFrom(parts[1], s.agg.Schema())
	if err != nil {
		return err
	}
	s.open = open
	s.closed = rowsKept{}
	s.closed.add(closed, s.keep)
	return nil
}
