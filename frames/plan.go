package frames

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
)

// node is one step of a logical plan.
type node interface {
	// Schema is the step's output schema, known without running it.
	Schema() *arrow.Schema
	// String describes the step on one line for Explain.
	String() string
	inputs() []node
	// withInputs returns a copy of the step over other inputs.
	withInputs(ins []node) node
	run(ins []*table) (*table, error)
}

// source is rows already in memory.
type source struct {
	t     *table
	label string
}

func (s *source) Schema() *arrow.Schema { return s.t.schema }
func (s *source) String() string {
	return fmt.Sprintf("Rows %s [%d × %d]", s.label, s.t.n, len(s.t.cols))
}
func (s *source) inputs() []node               { return nil }
func (s *source) withInputs([]node) node       { return s }
func (s *source) run([]*table) (*table, error) { return s.t, nil }

// execute runs a plan bottom-up.
func execute(n node) (*table, error) {
	ins := n.inputs()
	ts := make([]*table, len(ins))
	for i, in := range ins {
		t, err := execute(in)
		if err != nil {
			return nil, err
		}
		ts[i] = t
	}
	return n.run(ts)
}

// Explain describes how the Frame is computed: the plan after optimization
// (filters moved toward the scans, unused columns never read), one step a
// line, inputs indented under the step that consumes them.
func (f Frame) Explain() string {
	if f.f == nil {
		return "empty frame"
	}
	if f.f.err != nil {
		return "error: " + f.f.err.Error()
	}
	var b strings.Builder
	explainNode(&b, optimize(f.node()), 0)
	return strings.TrimRight(b.String(), "\n")
}

// explainNode writes a plan one step a line, inputs indented.
func explainNode(b *strings.Builder, n node, depth int) {
	fmt.Fprintf(b, "%s%s\n", strings.Repeat("  ", depth), n)
	for _, in := range n.inputs() {
		explainNode(b, in, depth+1)
	}
}

// optimize rewrites a plan: predicates move down past projections and sorts
// into scans; scans read only the columns the plan uses.
func optimize(n node) node {
	n = pushFilters(n)
	return pruneColumns(n, nil)
}

func pushFilters(n node) node {
	ins := n.inputs()
	if len(ins) > 0 {
		c := make([]node, len(ins))
		for i, in := range ins {
			c[i] = pushFilters(in)
		}
		n = n.withInputs(c)
	}
	f, ok := n.(*filterNode)
	if !ok {
		return n
	}
	return pushFilter(f.pred, f.in)
}

// pushFilter places pred as deep under child as it can go.
func pushFilter(pred *expr, child node) node {
	switch c := child.(type) {
	case *filterNode:
		return pushFilter(&expr{op: "&&", args: []*expr{c.pred, pred}}, c.in)
	case *sortNode:
		return c.withInputs([]node{pushFilter(pred, c.in)})
	case *projectNode:
		// Through a projection when every column the predicate reads is a
		// column the projection passes through (renamed or not).
		pass := map[string]string{}
		for _, e := range c.exprs {
			inner := e
			if inner.op == "alias" {
				inner = inner.args[0]
			}
			if inner.op == "col" {
				pass[e.outName()] = inner.name
			}
		}
		refs := map[string]bool{}
		pred.refs(refs)
		for r := range refs {
			if _, ok := pass[r]; !ok {
				return &filterNode{in: c, pred: pred}
			}
		}
		return c.withInputs([]node{pushFilter(pred.rename(pass), c.in)})
	case *scanNode:
		s := *c
		if s.pred == nil {
			s.pred = pred
		} else {
			s.pred = &expr{op: "&&", args: []*expr{s.pred, pred}}
		}
		return &s
	}
	return &filterNode{in: child, pred: pred}
}

// pruneColumns tells each step which of its output columns are used (nil:
// all) so scans read only those.
func pruneColumns(n node, need map[string]bool) node {
	switch c := n.(type) {
	case *scanNode:
		if need == nil {
			return c
		}
		s := *c
		s.cols = nil
		for _, f := range c.schema.Fields() {
			if need[f.Name] || (c.pred != nil && refsOf(c.pred)[f.Name]) {
				s.cols = append(s.cols, f.Name)
			}
		}
		if len(s.cols) == 0 && len(c.schema.Fields()) > 0 {
			s.cols = []string{c.schema.Field(0).Name} // keep the row count
		}
		return &s
	case *projectNode:
		sub := map[string]bool{}
		for _, e := range c.exprs {
			e.refs(sub)
		}
		return c.withInputs([]node{pruneColumns(c.in, sub)})
	case *filterNode:
		return c.withInputs([]node{pruneColumns(c.in, union(need, c.pred))})
	case *sortNode:
		return c.withInputs([]node{pruneColumns(c.in, c.reads(need))})
	case *limitNode:
		return c.withInputs([]node{pruneColumns(c.in, need)})
	case *aggNode:
		return c.withInputs([]node{pruneColumns(c.in, c.reads())})
	}
	ins := n.inputs()
	if len(ins) == 0 {
		return n
	}
	c := make([]node, len(ins))
	for i, in := range ins {
		c[i] = pruneColumns(in, nil)
	}
	return n.withInputs(c)
}

// reads is what a sort reads of its input when need of its output is used
// (nil: all).
func (s *sortNode) reads(need map[string]bool) map[string]bool {
	sub := union(need)
	if sub != nil {
		for _, k := range s.keys {
			sub[k.col] = true
		}
	}
	return sub
}

// reads is what an aggregation reads of its input: its keys and what its
// aggregations refer to.
func (a *aggNode) reads() map[string]bool {
	sub := map[string]bool{}
	for _, k := range a.keys {
		sub[k] = true
	}
	for _, e := range a.aggs {
		e.refs(sub)
	}
	return sub
}

func refsOf(e *expr) map[string]bool {
	m := map[string]bool{}
	e.refs(m)
	return m
}

// union copies need (nil stays nil: all columns) and adds what the
// expressions read.
func union(need map[string]bool, es ...*expr) map[string]bool {
	if need == nil {
		return nil
	}
	out := make(map[string]bool, len(need))
	for k := range need {
		out[k] = true
	}
	for _, e := range es {
		e.refs(out)
	}
	return out
}

// parallel runs fn on each of chunks(n) at once.
func parallel(n int, fn func(lo, hi int)) {
	parts := chunks(n)
	if len(parts) == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for _, r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(r[0], r[1])
		}()
	}
	wg.Wait()
}

// chunks splits [0, n) into one range per CPU, or one range when n is
// small.
func chunks(n int) [][2]int {
	p := runtime.GOMAXPROCS(0)
	if n < 1<<16 || p == 1 {
		return [][2]int{{0, n}}
	}
	var out [][2]int
	step := (n + p - 1) / p
	for lo := 0; lo < n; lo += step {
		out = append(out, [2]int{lo, min(lo+step, n)})
	}
	return out
}
