package frames

import (
	"fmt"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
)

// IntervalJoinSpec pairs rows with equal keys whose times are close: the
// right row's RightTime within [LeftTime + Lower, LeftTime + Upper] — a
// detection and the follow-up observations within the next hour.
type IntervalJoinSpec struct {
	On                  []string // key columns in both
	LeftTime, RightTime string   // timestamp columns
	Lower, Upper        time.Duration
	Suffix              string // for right columns the left already has (default "_right")
}

// IntervalJoin keeps the pairs of rows of f and right that match spec (an
// inner join). On streams it runs incrementally, keeping each side's rows
// only as long as the other side's watermark says a match can still come.
func (f Frame) IntervalJoin(right Frame, spec IntervalJoinSpec) Frame {
	if right.f != nil && right.f.err != nil {
		return right
	}
	return f.derive(func(in node) (node, error) { return newIntervalJoin(in, right.node(), spec) })
}

type intervalJoinNode struct {
	j      *joinNode
	spec   IntervalJoinSpec
	lt, rt string // the time columns' names in the output
}

func newIntervalJoin(l, r node, spec IntervalJoinSpec) (*intervalJoinNode, error) {
	if spec.Upper < spec.Lower {
		return nil, fmt.Errorf("IntervalJoin: Upper %s is before Lower %s", spec.Upper, spec.Lower)
	}
	for _, side := range []struct {
		s    *arrow.Schema
		name string
	}{{l.Schema(), spec.LeftTime}, {r.Schema(), spec.RightTime}} {
		i := side.s.FieldIndices(side.name)
		if i == nil {
			return nil, fmt.Errorf("IntervalJoin: %w", unknownColumn(side.name, side.s))
		}
		if t := side.s.Field(i[0]).Type; t.ID() != arrow.TIMESTAMP {
			return nil, fmt.Errorf("IntervalJoin: %q is %s, not a timestamp", side.name, t)
		}
	}
	jn, err := newJoin(l, r, JoinSpec{On: spec.On, Suffix: spec.Suffix})
	if err != nil {
		return nil, fmt.Errorf("Interval%w", err)
	}
	j := jn.(*joinNode)
	n := &intervalJoinNode{j: j, spec: spec, lt: spec.LeftTime, rt: spec.RightTime}
	// The right time column may have been renamed, or dropped as a key.
	rt := ""
	for i, name := range j.rightOut {
		if name == spec.RightTime {
			rt = j.schema.Field(l.Schema().NumFields() + i).Name
		}
	}
	if rt == "" {
		return nil, fmt.Errorf("IntervalJoin: the right time column %q is a key", spec.RightTime)
	}
	n.rt = rt
	return n, nil
}

func (n *intervalJoinNode) Schema() *arrow.Schema { return n.j.schema }
func (n *intervalJoinNode) String() string {
	return fmt.Sprintf("IntervalJoin on %v where %s in [%s%+v, %s%+v]", n.spec.On, n.rt, n.lt, n.spec.Lower, n.lt, n.spec.Upper)
}
func (n *intervalJoinNode) inputs() []node { return []node{n.j.l, n.j.r} }
func (n *intervalJoinNode) withInputs(ins []node) node {
	c := *n
	j := *n.j
	j.l, j.r = ins[0], ins[1]
	c.j = &j
	return &c
}

func (n *intervalJoinNode) run(ins []*table) (*table, error) {
	t, err := n.j.run(ins)
	if err != nil {
		return nil, err
	}
	lc, rc := t.col(n.lt), t.col(n.rt)
	l, err := i64s(val{a: lc})
	if err != nil {
		return nil, err
	}
	r, err := i64s(val{a: rc})
	if err != nil {
		return nil, err
	}
	lm, rm := int64(unit(lc.DataType())), int64(unit(rc.DataType()))
	lv, rv := validity(lc), validity(rc)
	lo, hi := int64(n.spec.Lower), int64(n.spec.Upper)
	var keep []int32
	for i := range t.n {
		if !isValid(lv, i) || !isValid(rv, i) {
			continue
		}
		lt, rt := satMul(l[i], lm), satMul(r[i], rm)
		if rt >= lt+lo && rt <= lt+hi {
			keep = append(keep, int32(i))
		}
	}
	if len(keep) == t.n {
		return t, nil
	}
	return takeTable(t, keep)
}
