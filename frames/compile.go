package frames

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
)

// compiled is a Stream's plan split for incremental execution.
type compiled struct {
	pre   node      // per batch, before the watermark (over leaf0)
	batch node      // per batch, after it (over leaf); feeds op
	op    node      // the stateful step (aggNode, or limitNode over sortNode); nil: rows are kept
	post  node      // over snap: what runs on op's result; nil: op's result is the result
	snap  *leafNode // stands for op's result in post
	win   *windowNode
	leaf0 *leafNode
	leaf  *leafNode
	kind  string   // "aggregate", "top-k" or "rows"
	reads []string // the source columns the pipeline reads (nil: all)
}

func (c *compiled) describe() string {
	switch c.kind {
	case "aggregate":
		if c.win != nil {
			return "incremental: per-batch steps, then a windowed aggregation (state: open windows)"
		}
		return "incremental: per-batch steps, then an aggregation (state: one row per group)"
	case "top-k":
		return "incremental: per-batch steps, then the top rows so far"
	case "sessions":
		return "incremental: per-batch steps, then session windows (state: the rows of open sessions)"
	case "distinct":
		return "incremental: per-batch steps, then the distinct rows so far"
	}
	if c.post != nil {
		return "per-batch steps; the rest runs on the kept rows"
	}
	return "per-batch steps (append-only output)"
}

// compileStream finds the per-batch part of the plan (steps that treat each
// row on its own), the first stateful step above it and the rest.
func compileStream(s *stream) (*compiled, error) {
	c := &compiled{leaf0: s.leaf0, leaf: s.leaf, reads: sourceColumns(s)}
	var err error
	if c.pre, err = materializeBounded(s.pre, s.leaf0); err != nil {
		return nil, err
	}
	if _, err := perBatchPath(c.pre, s.leaf0); err != nil {
		return nil, fmt.Errorf("before the watermark: %w", err)
	}
	plan, err := materializeBounded(s.plan, s.leaf)
	if err != nil {
		return nil, err
	}
	path := pathTo(plan, s.leaf) // root first
	if path == nil {
		return nil, fmt.Errorf("the pipeline does not use the stream's rows")
	}
	// Walk up from the leaf while steps are per-row.
	top := len(path) // index of the first step that is not per-batch
	for i := len(path) - 1; i >= 0; i-- {
		ok, err := perBatch(path[i], path[i+1:])
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if w, isW := path[i].(*windowNode); isW {
			c.win = w
		}
		top = i
	}
	if top == 0 {
		c.batch, c.kind = plan, "rows"
		return c, nil
	}
	st := path[top-1]
	var below node = s.leaf
	if top < len(path) {
		below = path[top]
	}
	c.batch = below
	switch n := st.(type) {
	case *aggNode:
		if err := checkStreamAggs(n); err != nil {
			return nil, err
		}
		c.op, c.kind = n, "aggregate"
		if !windowed(n, c.win) {
			c.win = nil
		}
	case *sortNode:
		if top >= 2 {
			if l, ok := path[top-2].(*limitNode); ok && !l.tail && l.off == 0 {
				c.op, c.kind = l, "top-k"
			}
		}
	case *topKPerKey:
		c.op, c.kind = n, "top-k"
	case *uniqueNode:
		c.op, c.kind = n, "distinct"
	case *windowNode:
		// Session windows aggregated: the window and the aggregation above
		// it run together on the rows of open sessions.
		if top >= 2 {
			if a, ok := path[top-2].(*aggNode); ok && byWindow(a) {
				if err := checkStreamAggs(a); err != nil {
					return nil, err
				}
				c.op, c.kind, c.win = a, "sessions", n
			}
		}
		if c.op == nil {
			return nil, fmt.Errorf("session windows on a stream must be aggregated right away (GroupByWindow(Session(...), keys...).Agg(...))")
		}
	}
	if c.op == nil {
		// Not incremental: keep the rows and run the rest on them.
		c.kind = "rows"
		c.snap = &leafNode{schema: below.Schema(), name: "kept rows"}
		c.post = replaceNode(plan, below, c.snap)
		return c, nil
	}
	if c.op != plan {
		c.snap = &leafNode{schema: c.op.Schema(), name: "result"}
		c.post = replaceNode(plan, c.op, c.snap)
	}
	return c, nil
}

// windowed reports whether an aggregation groups by the (not session)
// window found below.
func windowed(a *aggNode, w *windowNode) bool {
	return w != nil && w.w.kind != "session" && byWindow(a)
}

// byWindow reports whether an aggregation groups by window bounds.
func byWindow(a *aggNode) bool {
	return slices.Contains(a.keys, WindowStart) || slices.Contains(a.keys, WindowEnd)
}

var streamAggs = map[string]bool{"count": true, "sum": true, "mean": true, "min": true, "max": true, "std": true, "var": true,
	"countdistinct": true, "quantile": true, "median": true}

func checkStreamAggs(a *aggNode) error {
	for _, e := range a.aggs {
		op, arg, err := splitAgg(e)
		if err != nil {
			return err
		}
		if !streamAggs[op.op] {
			return fmt.Errorf("%s on a stream: %s depends on the order rows arrive in, which a stream does not fix (Count, Sum, Mean, Min, Max, Std, Var, CountDistinct, Quantile and Median run incrementally)", e, op.op)
		}
		if (op.op == "min" || op.op == "max") && arg != nil {
			t, err := exprType(arg, a.in.Schema())
			if err != nil {
				return err
			}
			switch kindOf(t) {
			case kInt, kFloat, kDuration:
			case kTime:
				if t.ID() != arrow.TIMESTAMP {
					return fmt.Errorf("%s on a stream: %s is not supported yet", e, t)
				}
			case kString:
				if t.ID() != arrow.STRING {
					return fmt.Errorf("%s on a stream: %s is not supported yet", e, t)
				}
			default:
				return fmt.Errorf("%s on a stream: cannot take %s of %s", e, op.op, t)
			}
		}
	}
	return nil
}

// perBatch reports whether step n (with below its per-batch inputs on the
// stream's path) gives the same rows when run batch by batch.
func perBatch(n node, below []node) (bool, error) {
	onPath := func(x node) bool { return len(below) > 0 && x == below[0] || len(below) == 0 && isLeaf(x) }
	switch n := n.(type) {
	case *projectNode, *filterNode, *explodeNode:
		return true, nil
	case *windowNode:
		// Sessions depend on the rows around: they are a stateful step.
		return n.w.kind != "session", nil
	case *joinNode:
		if !onPath(n.l) {
			return false, fmt.Errorf("a join with a stream on its right: put the stream on the left")
		}
		switch n.how {
		case "inner", "left", "semi", "anti":
			return true, nil
		}
		return false, fmt.Errorf("a %s join of a stream with a Frame is not supported (inner, left, semi and anti are)", n.how)
	case *asofNode:
		if !onPath(n.l) {
			return false, fmt.Errorf("an as-of join with a stream on its right: put the stream on the left")
		}
		return true, nil
	case *concatNode:
		return false, fmt.Errorf("Concat with a stream is not supported yet")
	}
	return false, nil
}

func isLeaf(n node) bool { _, ok := n.(*leafNode); return ok }

// pathTo lists the steps from root down to (not including) leaf; nil if
// leaf is not under root.
func pathTo(root node, leaf *leafNode) []node {
	if root == node(leaf) {
		return []node{}
	}
	for _, in := range root.inputs() {
		if p := pathTo(in, leaf); p != nil {
			return append([]node{root}, p...)
		}
	}
	return nil
}

func countLeaves(n node) int {
	if isLeaf(n) {
		return 1
	}
	c := 0
	for _, in := range n.inputs() {
		c += countLeaves(in)
	}
	return c
}

// materializeBounded computes, once, every input of the plan that does not
// depend on the stream (a lookup table read from a file), so that batches do
// not recompute it.
func materializeBounded(n node, leaf *leafNode) (node, error) {
	if countLeaves(n) > 1 {
		return nil, fmt.Errorf("a step combines two streams (stream-stream joins are not supported yet)")
	}
	if n == node(leaf) {
		return n, nil
	}
	if pathTo(n, leaf) == nil {
		if _, ok := n.(*source); ok {
			return n, nil
		}
		t, err := execute(optimize(n))
		if err != nil {
			return nil, fmt.Errorf("a Frame joined with the stream: %w", err)
		}
		return &source{t: t, label: "lookup"}, nil
	}
	ins := n.inputs()
	out := make([]node, len(ins))
	for i, in := range ins {
		m, err := materializeBounded(in, leaf)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return n.withInputs(out), nil
}

// perBatchPath checks that every step over leaf is per-batch.
func perBatchPath(root node, leaf *leafNode) ([]node, error) {
	path := pathTo(root, leaf)
	for i := len(path) - 1; i >= 0; i-- {
		ok, err := perBatch(path[i], path[i+1:])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%s cannot come before Watermark: declare the watermark on the source's rows", strings.Fields(path[i].String())[0])
		}
	}
	return path, nil
}

// replaceNode returns root with target replaced by with.
func replaceNode(root, target, with node) node {
	if root == target {
		return with
	}
	ins := root.inputs()
	if len(ins) == 0 {
		return root
	}
	out := make([]node, len(ins))
	changed := false
	for i, in := range ins {
		out[i] = replaceNode(in, target, with)
		changed = changed || out[i] != in
	}
	if !changed {
		return root
	}
	return root.withInputs(out)
}

// runOver runs plan with leaf's rows being t.
func runOver(plan node, leaf *leafNode, t *table) (*table, error) {
	if plan == node(leaf) {
		return t, nil
	}
	return execute(replaceNode(plan, leaf, &source{t: t, label: "batch"}))
}

// A Projector is a BatchSource that can leave out the columns a pipeline
// does not read. A query tells it, before reading, which columns of its
// Schema the pipeline reads; the others may then come as all-null columns
// (the schema stays the same). A Kafka source of alerts then does not
// decode each alert's history for a count by band.
type Projector interface {
	Project(columns []string) error
}

// sourceColumns lists the source columns a stream's pipeline reads, in
// schema order; nil when it reads them all (or cannot tell).
func sourceColumns(s *stream) []string {
	r := &readSet{cols: map[string]bool{}}
	r.walk(s.plan, nil, s.leaf)
	if r.all {
		return nil
	}
	need := r.cols
	if s.wm != nil {
		need[s.wm.col] = true
		if s.wm.part != "" {
			need[s.wm.part] = true
		}
	}
	r = &readSet{cols: map[string]bool{}}
	r.walk(s.pre, need, s.leaf0)
	if r.all {
		return nil
	}
	cols := []string{}
	for _, f := range s.leaf0.schema.Fields() {
		if r.cols[f.Name] {
			cols = append(cols, f.Name)
		}
	}
	if len(cols) == s.leaf0.schema.NumFields() {
		return nil
	}
	return cols
}

// readSet gathers the columns of a leaf that a plan reads.
type readSet struct {
	cols map[string]bool
	all  bool
}

// walk notes what n reads of leaf when need of n's output columns are
// used (nil: all). Steps it does not know read everything, to be safe.
func (r *readSet) walk(n node, need map[string]bool, leaf node) {
	if n == leaf {
		if need == nil {
			r.all = true
		}
		for c := range need {
			r.cols[c] = true
		}
		return
	}
	switch c := n.(type) {
	case *projectNode:
		sub := map[string]bool{}
		for _, e := range c.exprs {
			if need == nil || need[e.outName()] {
				e.refs(sub)
			}
		}
		r.walk(c.in, sub, leaf)
	case *filterNode:
		r.walk(c.in, union(need, c.pred), leaf)
	case *sortNode:
		r.walk(c.in, c.reads(need), leaf)
	case *limitNode:
		r.walk(c.in, need, leaf)
	case *aggNode:
		r.walk(c.in, c.reads(), leaf)
	case *windowNode:
		sub := union(need)
		if sub != nil {
			delete(sub, WindowStart)
			delete(sub, WindowEnd)
			sub[c.w.col] = true
			for _, k := range c.keys {
				sub[k] = true
			}
		}
		r.walk(c.in, sub, leaf)
	default:
		for _, in := range n.inputs() {
			r.walk(in, nil, leaf)
		}
	}
}
