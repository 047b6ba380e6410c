package frames

import (
	"github.com/apache/arrow/go/v17/arrow"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fountain-go/fountain/sources/file"
)

// rows computes f and returns its rows as Go values, failing the test on
// an error.
func rows(t *testing.T, f Frame) [][]any {
	t.Helper()
	tb, err := f.table()
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]any, tb.n)
	for i := range out {
		for _, c := range tb.cols {
			out[i] = append(out[i], goValue(c, i))
		}
	}
	return out
}

func wantRows(t *testing.T, f Frame, want [][]any) {
	t.Helper()
	got := rows(t, f)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got rows\n%v\nwant\n%v\n%s", got, want, f)
	}
}

func wantErr(t *testing.T, f Frame, substr string) {
	t.Helper()
	if err := f.Err(); err == nil || !strings.Contains(err.Error(), substr) {
		t.Fatalf("error %v, want it to contain %q", err, substr)
	}
}

func sample() Frame {
	return New(
		Column("band", []any{"g", "r", nil, "g", "r", "i"}),
		Column("mag", []any{18.5, 19.0, 17.0, nil, 20.5, 16.0}),
		Column("n", []int64{1, 2, 3, 4, 5, 6}),
	)
}

func TestBuildErrors(t *testing.T) {
	wantErr(t, New(Column("a", []int{1, 2}), Column("b", []int{1})), `column "b" has 1 rows, column "a" has 2`)
	wantErr(t, New(Column("a", []int{1}), Column("a", []int{1})), `column "a" appears twice`)
	wantErr(t, New(Column("a", 3)), "want a slice")
	wantErr(t, New(Column("a", []any{1, "x"})), "element 1")
	wantErr(t, FromStructs(3), "want a slice of structs")
	wantErr(t, sample().Select("magg"), `unknown column "magg" (did you mean "mag"?)`)
	wantErr(t, sample().Filter(Col("mag")), "is float64, not bool")
	wantErr(t, sample().Filter(Col("band").Add(1)), "cannot apply + to utf8 and int64")
	wantErr(t, sample().Sort("nope"), `unknown column "nope"`)
	// An error carries through every later operation.
	wantErr(t, sample().Select("magg").Filter(Col("n").Gt(1)).Head(3), `unknown column "magg"`)
}

func TestFromStructsAndMap(t *testing.T) {
	type cand struct {
		ID    int64 `frame:"candid"`
		Mag   *float64
		Skip  string `frame:"-"`
		When  time.Time
		Bands []string
	}
	m := 18.25
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	f := FromStructs([]cand{{ID: 1, Mag: &m, When: ts, Bands: []string{"g"}}, {ID: 2, When: ts}})
	if got := strings.Join(f.Columns(), ","); got != "candid,Mag,When,Bands" {
		t.Fatalf("columns %s", got)
	}
	wantRows(t, f, [][]any{{int64(1), 18.25, ts, []any{"g"}}, {int64(2), nil, ts, nil}})
	g := FromMap(map[string]any{"b": []float64{1}, "a": []string{"x"}})
	wantRows(t, g, [][]any{{"x", 1.0}})
}

func TestExpressionsWithNulls(t *testing.T) {
	f := New(
		Column("x", []any{1, 2, nil, 4}),
		Column("y", []any{2.0, 0.0, 1.0, nil}),
		Column("b", []any{true, false, nil, nil}),
		Column("s", []any{"Alpha", "beta", nil, "ZTF18abc"}),
	)
	g := f.SelectExprs(
		Col("x").Add(Col("y")).Alias("sum"),
		Col("x").Div(Col("y")).Alias("div"),
		Col("x").Mod(2).Alias("mod"),
		Col("b").And(false).Alias("and"),
		Col("b").Or(true).Alias("or"),
		Col("x").IsNull().Alias("isnull"),
		Col("y").FillNull(-1).Alias("filled"),
		When(Col("x").Gt(1)).Then("big").Otherwise("small").Alias("size"),
		Col("s").Lower().Alias("lower"),
		Col("s").HasPrefix("ZTF").Alias("ztf"),
		Col("s").Length().Alias("len"),
		Col("x").IsIn(1, 4).Alias("in"),
		Col("x").Str().Alias("str"),
	)
	wantRows(t, g, [][]any{
		{3.0, 0.5, int64(1), false, true, false, 2.0, "small", "alpha", false, int64(5), true, "1"},
		{2.0, nil, int64(0), false, true, false, 0.0, "big", "beta", false, int64(4), false, "2"},
		{nil, nil, nil, false, true, true, 1.0, "small", nil, nil, nil, nil, nil},
		{nil, nil, int64(0), false, true, false, -1.0, "big", "ztf18abc", true, int64(8), true, "4"},
	})
}

func TestTimeExpressions(t *testing.T) {
	f := New(Column("jd", []float64{2460000.5, 2460000.75}))
	g := f.SelectExprs(Col("jd").FromJD().Alias("t"), Col("jd").FromJD().Truncate(time.Hour*12).Alias("half"),
		Col("jd").Sub(2400000.5).FromMJD().Alias("m"))
	t0 := time.Date(2023, 2, 25, 0, 0, 0, 0, time.UTC)
	wantRows(t, g, [][]any{{t0, t0, t0}, {t0.Add(6 * time.Hour), t0, t0.Add(6 * time.Hour)}})
	d := g.SelectExprs(Col("t").Sub(Col("half")).Alias("d"), Col("t").Add(time.Minute).Gt(Col("m")).Alias("later"))
	wantRows(t, d, [][]any{{time.Duration(0), true}, {6 * time.Hour, true}})
}

func TestFilterSliceAndProjection(t *testing.T) {
	f := sample()
	wantRows(t, f.Filter(Col("mag").Lt(19)).Select("n"), [][]any{{int64(1)}, {int64(3)}, {int64(6)}})
	wantRows(t, f.Filter(Col("mag").Gt(100)), nil)
	wantRows(t, f.Head(2).Select("n"), [][]any{{int64(1)}, {int64(2)}})
	wantRows(t, f.Tail(1).Select("n"), [][]any{{int64(6)}})
	wantRows(t, f.Slice(4, 10).Select("n"), [][]any{{int64(5)}, {int64(6)}})
	wantRows(t, f.Head(0).Select("n"), nil)
	g := f.Drop("mag").Rename("n", "count").WithColumn("count", Col("count").Mul(10)).Head(1)
	wantRows(t, g, [][]any{{"g", int64(10)}})
	if got := strings.Join(g.Columns(), ","); got != "band,count" {
		t.Fatal(got)
	}
	var empty Frame
	if empty.NumRows() != 0 || empty.Err() != nil {
		t.Fatal("zero Frame")
	}
}

func TestSort(t *testing.T) {
	f := sample()
	wantRows(t, f.Sort("band", "-mag").Select("n"),
		[][]any{{int64(1)}, {int64(4)}, {int64(6)}, {int64(5)}, {int64(2)}, {int64(3)}})
	wantRows(t, f.SortBy(Desc("mag").NullsFirst()).Select("n"),
		[][]any{{int64(4)}, {int64(5)}, {int64(2)}, {int64(1)}, {int64(3)}, {int64(6)}})
	wantRows(t, f.TopK(2, Asc("mag")).Select("n"), [][]any{{int64(6)}, {int64(3)}})
	// Large enough for the radix path, with negative numbers and ties.
	r := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 5000)
	for i := range x {
		x[i] = math.Round(r.NormFloat64()*10) / 2
	}
	s, _ := New(Column("x", x), Column("i", make([]int64, len(x)))).Sort("x").Float64s("x")
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
			t.Fatalf("not sorted at %d: %v > %v", i, s[i-1], s[i])
		}
	}
}

func TestGroupByAggregations(t *testing.T) {
	f := sample()
	g := f.GroupBy("band").Agg(Count(), Col("mag").Count(), Col("mag").Sum(), Col("mag").Mean(), Col("mag").Min(),
		Col("mag").Max(), Col("n").Std(), Col("n").First(), Col("mag").Last(), Col("n").CountDistinct(),
		Col("n").Median(), Col("n").List())
	wantRows(t, g, [][]any{
		{"g", int64(2), int64(1), 18.5, 18.5, 18.5, 18.5, math.Sqrt(4.5), int64(1), nil, int64(2), 2.5, []any{int64(1), int64(4)}},
		{"r", int64(2), int64(2), 39.5, 19.75, 19.0, 20.5, math.Sqrt(4.5), int64(2), 20.5, int64(2), 3.5, []any{int64(2), int64(5)}},
		{nil, int64(1), int64(1), 17.0, 17.0, 17.0, 17.0, nil, int64(3), 17.0, int64(1), 3.0, []any{int64(3)}},
		{"i", int64(1), int64(1), 16.0, 16.0, 16.0, 16.0, nil, int64(6), 16.0, int64(1), 6.0, []any{int64(6)}},
	})
	wantRows(t, f.Agg(Count(), Col("n").Sum(), Col("mag").Quantile(0.25)), [][]any{{int64(6), int64(21), 17.0}})
	wantRows(t, f.Head(0).Agg(Count(), Col("mag").Mean()), [][]any{{int64(0), nil}})
	wantRows(t, f.Head(0).GroupBy("band").Count(), nil)
	wantErr(t, f.GroupBy("band").Agg(Col("mag")), "is not an aggregation")
	wantErr(t, f.Filter(Col("mag").Mean().Gt(1)), "aggregation")
	wantErr(t, f.GroupBy("band").Agg(Col("band").Mean()), "cannot take mean of utf8")
}

// The fast group-by (one integer key, folding aggregations) must agree
// with the general one.
func TestGroupByFastPathAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	n := 200_000
	k := make([]int64, n)
	v := make([]any, n)
	for i := range k {
		k[i] = r.Int64N(500)
		if i%1000 == 999 {
			k[i] = 1 << 40 // outside the sampled direct range
		}
		if i%7 != 0 {
			v[i] = r.Float64()
		}
	}
	f := New(Column("k", k), Column("v", v))
	fast := f.GroupBy("k").Agg(Count(), Col("v").Count(), Col("v").Sum(), Col("v").Mean())
	// Median forces the general path; the other columns are computed there.
	slow := f.GroupBy("k").Agg(Count(), Col("v").Count(), Col("v").Sum(), Col("v").Mean(), Col("v").Median()).
		Select("k", "count", "v_count", "v_sum", "v_mean")
	a, b := rows(t, fast), rows(t, slow)
	if len(a) != 501 || len(a) != len(b) {
		t.Fatalf("%d and %d groups, want 501", len(a), len(b))
	}
	for i := range a {
		for j := range a[i] {
			x, y := a[i][j], b[i][j]
			if fx, ok := x.(float64); ok {
				if math.Abs(fx-y.(float64)) > 1e-9*math.Max(1, math.Abs(fx)) {
					t.Fatalf("group %d col %d: %v vs %v", i, j, x, y)
				}
			} else if x != y {
				t.Fatalf("group %d col %d: %v vs %v", i, j, x, y)
			}
		}
	}
}

func TestJoins(t *testing.T) {
	l := New(Column("k", []any{1, 2, 2, nil, 4}), Column("a", []string{"a1", "a2", "a3", "a4", "a5"}))
	r := New(Column("k", []any{2, 3, 2, nil, 1}), Column("a", []string{"b2", "b3", "b2'", "bn", "b1"}))
	wantRows(t, l.Join(r, "k"), [][]any{
		{int64(1), "a1", "b1"}, {int64(2), "a2", "b2"}, {int64(2), "a2", "b2'"}, {int64(2), "a3", "b2"}, {int64(2), "a3", "b2'"}})
	wantRows(t, l.LeftJoin(r, "k").Filter(Col("a_right").IsNull()), [][]any{{nil, "a4", nil}, {int64(4), "a5", nil}})
	wantRows(t, l.RightJoin(r, "k").Filter(Col("a").IsNull()), [][]any{{int64(3), nil, "b3"}, {nil, nil, "bn"}})
	if n := l.OuterJoin(r, "k").NumRows(); n != 5+2+2 {
		t.Fatalf("outer join has %d rows, want 9", n)
	}
	wantRows(t, l.SemiJoin(r, "k").Select("a"), [][]any{{"a1"}, {"a2"}, {"a3"}})
	wantRows(t, l.AntiJoin(r, "k").Select("a"), [][]any{{"a4"}, {"a5"}})
	two := l.JoinWith(r.Rename("k", "kk"), JoinSpec{LeftOn: []string{"k", "a"}, RightOn: []string{"kk", "a"}})
	wantRows(t, two, nil)
	wantErr(t, l.JoinWith(r, JoinSpec{LeftOn: []string{"a"}, RightOn: []string{"x"}}), `right side: unknown column "x"`)
	wantErr(t, l.Join(r.WithColumn("k", Lit(true)), "k"), "cannot match")
}

func TestAsOf(t *testing.T) {
	trades := New(Column("t", []float64{1, 5, 10, 11}), Column("id", []string{"a", "a", "b", "a"}))
	quotes := New(Column("t", []float64{0, 5, 9, 12}), Column("id", []string{"a", "a", "b", "a"}), Column("q", []float64{100, 105, 209, 112}))
	spec := AsOfSpec{On: "t", By: []string{"id"}}
	wantRows(t, trades.AsOf(quotes, spec).Select("q"), [][]any{{100.0}, {105.0}, {209.0}, {105.0}})
	spec.Direction = "forward"
	wantRows(t, trades.AsOf(quotes, spec).Select("q"), [][]any{{105.0}, {105.0}, {nil}, {112.0}})
	spec.Direction = "nearest"
	wantRows(t, trades.AsOf(quotes, spec).Select("q"), [][]any{{100.0}, {105.0}, {209.0}, {112.0}})
	spec.Direction, spec.Tolerance = "backward", 2.0
	wantRows(t, trades.AsOf(quotes, spec).Select("q"), [][]any{{100.0}, {105.0}, {209.0}, {nil}})
	wantErr(t, trades.AsOf(quotes, AsOfSpec{On: "id"}), "numbers or both times")
}

func TestUniqueAndPlan(t *testing.T) {
	f := sample()
	wantRows(t, f.Unique("band").Select("n"), [][]any{{int64(1)}, {int64(2)}, {int64(3)}, {int64(6)}})
	p := filepath.Join(t.TempDir(), "s.parquet")
	if err := f.Write(p); err != nil {
		t.Fatal(err)
	}
	q := Read(p).Select("band", "mag").Rename("mag", "m").Filter(Col("m").Lt(19))
	plan := q.Explain()
	if !strings.Contains(plan, "Scan parquet "+p+" columns [band, mag] filter (mag < 19)") || strings.Contains(plan, "Filter") {
		t.Fatalf("the filter and projection should reach the scan:\n%s", plan)
	}
	wantRows(t, q, [][]any{{"g", 18.5}, {nil, 17.0}, {"i", 16.0}})
}

func TestText(t *testing.T) {
	got := sample().Head(3).String()
	want := "band   mag    n\n" +
		"str    f64  i64\n" +
		"g     18.5    1\n" +
		"r     19.0    2\n" +
		"null  17.0    3\n" +
		"3 rows × 3 columns"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	x := make([]int64, 100)
	long := New(Column("x", x)).String()
	if !strings.Contains(long, "…") || !strings.HasSuffix(long, "100 rows × 1 columns") {
		t.Fatalf("long frame:\n%s", long)
	}
}

func TestReshape(t *testing.T) {
	a := New(Column("k", []int64{1, 2}), Column("v", []float64{0.5, 1.5}))
	b := New(Column("k", []int64{3}), Column("v", []int64{7}))
	wantRows(t, Concat(a, b), [][]any{{int64(1), 0.5}, {int64(2), 1.5}, {int64(3), 7.0}})
	wantErr(t, Concat(a, b.Rename("v", "w")), `frame 1 has column "w" where frame 0 has "v"`)
	type pt struct{ X, Y int }
	type row struct {
		Name string
		P    pt
		L    []int
	}
	f := FromStructs([]row{{"a", pt{1, 2}, []int{1, 2}}, {"b", pt{3, 4}, nil}})
	wantRows(t, f.Unnest("P").Drop("L"), [][]any{{"a", int64(1), int64(2)}, {"b", int64(3), int64(4)}})
	wantRows(t, f.Explode("L").Select("Name", "L"), [][]any{{"a", int64(1)}, {"a", int64(2)}, {"b", nil}})
	wantErr(t, f.Explode("Name"), "not a list")
	d := New(Column("x", []any{1, 2, 3, nil, 4}), Column("s", []string{"a", "b", "c", "d", "e"})).Describe()
	wantRows(t, d, [][]any{{"count", 4.0}, {"nulls", 1.0}, {"mean", 2.5}, {"std", math.Sqrt(5.0 / 3)}, {"min", 1.0},
		{"25%", 1.75}, {"50%", 2.5}, {"75%", 3.25}, {"max", 4.0}})
}

func TestReadCSVSkipsBadRows(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.csv")
	if err := os.WriteFile(p, []byte("mag,band\n18,g\n18.5,r,x\n,i\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantErr(t, Read(p), "line 3")
	f, bad := ReadCSV(p, file.CSVOptions{SkipBadRows: true})
	wantRows(t, f, [][]any{{int64(18), "g"}, {nil, "i"}})
	if len(bad) != 1 || bad[0].Line != 3 {
		t.Fatalf("bad rows %+v", bad)
	}
}

// Sliced struct columns (a batch of a stream, a Head) give their own rows'
// fields: Arrow's Struct slices its children already.
func TestSlicedStructFields(t *testing.T) {
	type pos struct {
		RA  float64 `frame:"ra"`
		Dec float64 `frame:"dec"`
	}
	type row struct {
		ID  int64 `frame:"id"`
		Pos pos   `frame:"pos"`
	}
	var rs []row
	for i := range 6 {
		rs = append(rs, row{int64(i), pos{float64(i), -float64(i)}})
	}
	f := FromStructs(rs).Slice(2, 3)
	wantRows(t, f.SelectExprs(Col("id"), Col("pos").Field("ra")), [][]any{{int64(2), 2.0}, {int64(3), 3.0}, {int64(4), 4.0}})
	got := rows(t, f.Select("pos"))
	if got[0][0].(map[string]any)["dec"] != -2.0 {
		t.Fatalf("row %v", got[0])
	}
	if !strings.Contains(f.String(), "dec: -4") {
		t.Fatalf("text:\n%s", f)
	}
}

func TestTakeNestedColumns(t *testing.T) {
	type p struct {
		A *int64 `frame:"a"`
	}
	one, two := int64(1), int64(2)
	f := New(
		Column("k", []int64{3, 1, 2, 0}),
		Column("l", []any{[]int64{1, 2}, nil, []int64{}, []int64{7}}),
		Column("s", []any{&p{&one}, nil, &p{nil}, &p{&two}}),
		Column("str", []any{"x", nil, "zz", ""}),
	)
	wantRows(t, f.Sort("k"), [][]any{
		{int64(0), []any{int64(7)}, map[string]any{"a": int64(2)}, ""},
		{int64(1), nil, nil, nil},
		{int64(2), []any{}, map[string]any{"a": nil}, "zz"},
		{int64(3), []any{int64(1), int64(2)}, map[string]any{"a": int64(1)}, "x"},
	})
	// Sliced inputs (a stream's batches are slices).
	g := f.WithColumn("b", Col("str").Cast(arrow.BinaryTypes.Binary)).Slice(2, 2)
	wantRows(t, g.Sort("k").Select("k", "l", "str", "b"), [][]any{
		{int64(0), []any{int64(7)}, "", []byte(nil)},
		{int64(2), []any{}, "zz", []byte("zz")},
	})
}

func TestTopKPerKey(t *testing.T) {
	f := New(
		Column("obj", []any{"a", "b", "a", "a", nil, "b"}),
		Column("mag", []any{18.0, 17.0, 16.5, nil, 15.0, 19.0}),
	)
	wantRows(t, f.GroupBy("obj").TopK(2, Asc("mag")), [][]any{
		{"a", 16.5}, {"a", 18.0}, {"b", 17.0}, {"b", 19.0}, {nil, 15.0},
	})
	wantRows(t, f.GroupBy("obj").TopK(0, Asc("mag")), nil)
	wantErr(t, f.GroupBy("obj").TopK(1, Asc("magg")), `did you mean "mag"`)
	wantErr(t, f.GroupBy("ob").TopK(1, Asc("mag")), `did you mean "obj"`)
	wantErr(t, f.GroupBy("obj").TopK(1), "no sort keys")
}

func TestPivotAndMelt(t *testing.T) {
	f := New(
		Column("obj", []string{"a", "a", "b", "a", "b"}),
		Column("band", []any{"g", "r", "g", "g", nil}),
		Column("mag", []float64{18, 17, 20, 16, 19}),
	)
	p := f.Pivot([]string{"obj"}, "band", Col("mag").Mean())
	wantRows(t, p, [][]any{{"a", 17.0, 17.0, nil}, {"b", 20.0, nil, 19.0}})
	if got := strings.Join(p.Columns(), ","); got != "obj,g,r,null" {
		t.Fatalf("columns %s", got)
	}
	wantErr(t, f.Pivot([]string{"obj"}, "band", Col("mag")), "must be an aggregation")
	wantErr(t, f.Pivot([]string{"objj"}, "band", Col("mag").Mean()), `did you mean "obj"`)

	w := New(Column("obj", []string{"a", "b"}), Column("g", []any{18.0, nil}), Column("r", []int64{17, 19}))
	wantRows(t, w.Melt([]string{"obj"}, "g", "r"), [][]any{
		{"a", "g", 18.0}, {"b", "g", nil}, {"a", "r", 17.0}, {"b", "r", 19.0},
	})
	wantErr(t, w.Melt([]string{"obj"}), "no value columns")
	wantErr(t, w.Melt([]string{"obj"}, "obj"), "both an id and a value")
	wantErr(t, New(Column("s", []string{"x"}), Column("n", []int64{1})).Melt(nil, "s", "n"), "Melt: column")
}
