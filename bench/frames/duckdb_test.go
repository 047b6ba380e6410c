package main

// Property tests: frames and DuckDB give the same answers on random data
// with nulls, for filter, group-by, join, as-of and sort.

import (
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/fountain-go/fountain/frames"
)

// randomFrame makes n rows: id 0..n-1, k (ints, ~20 rows each, some null), s
// (strings, some null), x (floats, some null) and t (distinct times).
func randomFrame(r *rand.Rand, n int, nulls float64) frames.Frame {
	id := make([]int64, n)
	k := make([]any, n)
	s := make([]any, n)
	x := make([]any, n)
	t := make([]float64, n)
	keys := int64(max(8, n/20)) // about 20 rows a key: joins stay small
	for i := range id {
		id[i] = int64(i)
		if r.Float64() >= nulls {
			k[i] = r.Int64N(keys) - 2
		}
		if r.Float64() >= nulls {
			s[i] = string(rune('a' + r.IntN(5)))
		}
		if r.Float64() >= nulls {
			x[i] = math.Round(r.NormFloat64()*100) / 10
		}
		t[i] = float64(i)*3 + float64(r.IntN(3)) // distinct, not in row order after shuffling below
	}
	r.Shuffle(n, func(a, b int) { t[a], t[b] = t[b], t[a] })
	return frames.New(frames.Column("id", id), frames.Column("k", k), frames.Column("s", s),
		frames.Column("x", x), frames.Column("t", t))
}

func openDuck(t *testing.T) *sql.DB {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func loadTable(t *testing.T, db *sql.DB, name string, f frames.Frame) {
	path := filepath.Join(t.TempDir(), name+".parquet")
	if err := f.Write(path); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("CREATE OR REPLACE TABLE %s AS SELECT * FROM '%s'", name, path)); err != nil {
		t.Fatal(err)
	}
}

// canon formats a value so that frames' and DuckDB's agree: floats to 9
// significant digits (values within 1e-9 of 0 as 0), integers plainly, null as NULL.
func canon(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case float64:
		if math.IsNaN(x) {
			return "NULL"
		}
		if math.Abs(x) < 1e-9 { // sums that cancel differ by rounding only
			x = 0
		}
		return fmt.Sprintf("%.9g", x)
	case int32:
		return fmt.Sprint(int64(x))
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func duckRows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rs, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out []string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = canon(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

func frameRows(t *testing.T, f frames.Frame) []string {
	t.Helper()
	rs, err := f.Rows()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		parts := make([]string, len(f.Columns()))
		for i, c := range f.Columns() {
			parts[i] = canon(r[c])
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

func same(t *testing.T, what string, got, want []string, ordered bool) {
	t.Helper()
	if !ordered {
		got, want = append([]string(nil), got...), append([]string(nil), want...)
		sort.Strings(got)
		sort.Strings(want)
	}
	if len(got) != len(want) || !rowsClose(got, want) {
		n := min(len(got), len(want))
		for i := 0; i < n; i++ {
			if !rowClose(got[i], want[i]) {
				t.Fatalf("%s: row %d: frames %q, duckdb %q (%d vs %d rows)", what, i, got[i], want[i], len(got), len(want))
			}
		}
		t.Fatalf("%s: frames %d rows, duckdb %d rows", what, len(got), len(want))
	}
}

func rowsClose(a, b []string) bool {
	for i := range a {
		if !rowClose(a[i], b[i]) {
			return false
		}
	}
	return true
}

// rowClose compares formatted rows field by field, numbers to a relative
// 1e-7: the engines sum in different orders.
func rowClose(a, b string) bool {
	if a == b {
		return true
	}
	fa, fb := strings.Split(a, "|"), strings.Split(b, "|")
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] == fb[i] {
			continue
		}
		x, err1 := strconv.ParseFloat(fa[i], 64)
		y, err2 := strconv.ParseFloat(fb[i], 64)
		if err1 != nil || err2 != nil || math.Abs(x-y) > 1e-7*math.Max(math.Abs(x), math.Abs(y)) {
			return false
		}
	}
	return true
}

// predicate builds the same random predicate for frames and for SQL.
func predicate(r *rand.Rand, depth int) (frames.Expr, string) {
	if depth == 0 || r.IntN(3) == 0 {
		switch r.IntN(4) {
		case 0:
			c := math.Round(r.NormFloat64()*50) / 10
			return frames.Col("x").Gt(c), fmt.Sprintf("(x > %g)", c)
		case 1:
			c := r.Int64N(8) - 2
			return frames.Col("k").Le(c), fmt.Sprintf("(k <= %d)", c)
		case 2:
			c := string(rune('a' + r.IntN(5)))
			return frames.Col("s").Eq(c), fmt.Sprintf("(s = '%s')", c)
		default:
			return frames.Col("x").IsNull(), "(x IS NULL)"
		}
	}
	a, as := predicate(r, depth-1)
	b, bs := predicate(r, depth-1)
	switch r.IntN(3) {
	case 0:
		return a.And(b), "(" + as + " AND " + bs + ")"
	case 1:
		return a.Or(b), "(" + as + " OR " + bs + ")"
	}
	return a.Not(), "(NOT " + as + ")"
}

func TestAgainstDuckDB(t *testing.T) {
	db := openDuck(t)
	for seed := uint64(1); seed <= 12; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		n := []int{0, 1, 17, 500, 3000, 100_000}[seed%6]
		f := randomFrame(r, n, []float64{0, 0.1, 0.5}[seed%3])
		g := randomFrame(r, n/2+1, 0.1)
		loadTable(t, db, "f", f)
		loadTable(t, db, "g", g)
		name := func(s string) string { return fmt.Sprintf("seed %d n %d: %s", seed, n, s) }

		for i := 0; i < 5; i++ {
			p, ps := predicate(r, 3)
			same(t, name("filter "+ps), frameRows(t, f.Filter(p).Select("id")),
				duckRows(t, db, "SELECT id FROM f WHERE "+ps+" ORDER BY id"), true)
		}

		for _, keys := range [][]string{{"k"}, {"s"}, {"k", "s"}} {
			fg := f.GroupBy(keys...).Agg(frames.Count(), frames.Col("x").Count(), frames.Col("x").Sum(),
				frames.Col("x").Mean(), frames.Col("x").Min(), frames.Col("x").Max(), frames.Col("x").Std(),
				frames.Col("x").CountDistinct(), frames.Col("x").Median(), frames.Col("t").Var())
			ks := strings.Join(keys, ", ")
			q := fmt.Sprintf(`SELECT %s, count(*), count(x), coalesce(sum(x), 0), avg(x), min(x), max(x), stddev_samp(x),
				count(DISTINCT x), quantile_cont(x, 0.5), var_samp(t) FROM f GROUP BY %s`, ks, ks)
			same(t, name("group by "+ks), frameRows(t, fg), duckRows(t, db, q), false)
		}
		// The fast path: one integer key, folding aggregations.
		same(t, name("group by k (fast)"),
			frameRows(t, f.Filter(frames.Col("k").IsNotNull()).GroupBy("k").Agg(frames.Count(), frames.Col("x").Sum(), frames.Col("x").Mean())),
			duckRows(t, db, "SELECT k, count(*), coalesce(sum(x), 0), avg(x) FROM f WHERE k IS NOT NULL GROUP BY k"), false)

		for _, how := range []string{"inner", "left", "right", "outer"} {
			j := f.JoinWith(g, frames.JoinSpec{How: how, On: []string{"k"}}).Select("id", "id_right")
			sqlHow := map[string]string{"inner": "JOIN", "left": "LEFT JOIN", "right": "RIGHT JOIN", "outer": "FULL JOIN"}[how]
			same(t, name(how+" join"), frameRows(t, j),
				duckRows(t, db, "SELECT f.id, g.id FROM f "+sqlHow+" g ON f.k = g.k"), false)
		}
		same(t, name("two-key join"), frameRows(t, f.JoinWith(g, frames.JoinSpec{On: []string{"k", "s"}}).Select("id", "id_right")),
			duckRows(t, db, "SELECT f.id, g.id FROM f JOIN g ON f.k = g.k AND f.s = g.s"), false)
		same(t, name("semi join"), frameRows(t, f.SemiJoin(g, "k").Select("id")),
			duckRows(t, db, "SELECT id FROM f SEMI JOIN g ON f.k = g.k ORDER BY id"), true)
		same(t, name("anti join"), frameRows(t, f.AntiJoin(g, "k").Select("id")),
			duckRows(t, db, "SELECT id FROM f ANTI JOIN g ON f.k = g.k ORDER BY id"), true)

		asof := f.AsOf(g, frames.AsOfSpec{On: "t", By: []string{"k"}}).Select("id", "id_right")
		same(t, name("as-of backward"), frameRows(t, asof),
			duckRows(t, db, "SELECT f.id, g.id FROM f ASOF LEFT JOIN g ON f.k = g.k AND f.t >= g.t"), false)
		fwd := f.AsOf(g, frames.AsOfSpec{On: "t", Direction: "forward"}).Select("id", "id_right")
		same(t, name("as-of forward"), frameRows(t, fwd),
			duckRows(t, db, "SELECT f.id, g.id FROM f ASOF LEFT JOIN g ON f.t <= g.t"), false)

		same(t, name("sort"), frameRows(t, f.Sort("s", "-x", "id").Select("id")),
			duckRows(t, db, "SELECT id FROM f ORDER BY s ASC NULLS LAST, x DESC NULLS LAST, id"), true)
		same(t, name("sort k"), frameRows(t, f.SortBy(frames.Desc("k").NullsFirst(), frames.Asc("t")).Select("id")),
			duckRows(t, db, "SELECT id FROM f ORDER BY k DESC NULLS FIRST, t"), true)
	}
}
