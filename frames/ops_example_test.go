package frames_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/fountain-go/fountain/frames"
)

func ExampleFrame_Head() {
	fmt.Println(alerts().Head(2).Select("objectId"))
	// Output:
	// objectId
	// str
	// ZTF1
	// ZTF2
	// 2 rows × 1 columns
}

func ExampleFrame_SortBy() {
	fmt.Println(alerts().SortBy(frames.Asc("objectId"), frames.Desc("magpsf")).Select("objectId", "magpsf"))
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF1        18.2
	// ZTF1        18.0
	// ZTF2        19.7
	// ZTF2        19.5
	// ZTF3        20.1
	// 5 rows × 2 columns
}

func ExampleFrame_SelectExprs() {
	fmt.Println(alerts().SelectExprs(frames.Col("objectId"), frames.Col("magpsf").Sub(frames.Lit(0.5)).Alias("brighter")).Head(2))
	// Output:
	// objectId  brighter
	// str            f64
	// ZTF1          17.7
	// ZTF2          19.0
	// 2 rows × 2 columns
}

func ExampleFrame_WithColumns() {
	f := alerts().WithColumns(frames.Col("jd").FromJD().Alias("t"), frames.Col("rb").FillNull(0).Alias("rb"))
	fmt.Println(f.Select("t", "rb").Head(4))
	// Output:
	// t                     rb
	// ts[us]               f64
	// 2023-02-25 00:00:00  0.9
	// 2023-02-25 02:24:00  0.3
	// 2023-02-26 00:00:00  0.8
	// 2023-02-26 04:48:00  0.0
	// 4 rows × 2 columns
}

func ExampleFrame_GroupBy() {
	fmt.Println(alerts().GroupBy("objectId").Count().Sort("objectId"))
	// Output:
	// objectId  count
	// str         i64
	// ZTF1          2
	// ZTF2          2
	// ZTF3          1
	// 3 rows × 2 columns
}

func ExampleFrame_GroupByWindow() {
	at := func(m int) time.Time { return time.Date(2026, 11, 23, 22, m, 0, 0, time.UTC) }
	f := frames.New(frames.Column("t", []time.Time{at(1), at(3), at(12)}), frames.Column("band", []string{"g", "g", "r"}))
	fmt.Println(f.GroupByWindow(frames.Tumbling("t", 10*time.Minute), "band").Count())
	// Output:
	// window_start         window_end           band  count
	// ts[us]               ts[us]               str     i64
	// 2026-11-23 22:00:00  2026-11-23 22:10:00  g         2
	// 2026-11-23 22:10:00  2026-11-23 22:20:00  r         1
	// 2 rows × 4 columns
}

func ExampleFrame_SemiJoin() {
	watch := frames.New(frames.Column("objectId", []string{"ZTF2"}))
	fmt.Println(alerts().SemiJoin(watch, "objectId").Select("objectId", "magpsf"))
	fmt.Println(alerts().AntiJoin(watch, "objectId").Select("objectId").Len())
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF2        19.5
	// ZTF2        19.7
	// 2 rows × 2 columns
	// 3
}

func ExampleFrame_LeftJoin() {
	names := frames.New(frames.Column("fid", []int32{1, 2}), frames.Column("band", []string{"g", "r"}))
	fmt.Println(alerts().Filter(frames.Col("objectId").Eq("ZTF1")).LeftJoin(names, "fid").Select("objectId", "fid", "band"))
	// Output:
	// objectId  fid  band
	// str       i32  str
	// ZTF1        1  g
	// ZTF1        2  r
	// 2 rows × 3 columns
}

func ExampleFrame_Value() {
	v, err := alerts().Sort("magpsf").Value(0, "objectId")
	fmt.Println(v, err)
	mags, _ := alerts().Float64s("magpsf")
	fmt.Println(mags)
	// Output:
	// ZTF1 <nil>
	// [18.2 19.5 18 20.1 19.7]
}

func ExampleFromMap() {
	f := frames.FromMap(map[string]any{"mag": []float64{18.2, 19.5}, "band": []string{"g", "r"}})
	fmt.Println(f.Columns())
	// Output:
	// [band mag]
}

func ExampleExpr_Cast() {
	f := frames.New(frames.Column("fid", []int32{1, 2}), frames.Column("name", []string{"ZTF23abc", "ztf23xyz"}))
	fmt.Println(f.SelectExprs(
		frames.Col("fid").Float64().Div(frames.Lit(2)).Alias("half"),
		frames.Col("name").Upper().HasPrefix("ZTF").Alias("ztf"),
		frames.Col("name").Length().Alias("len"),
	))
	// Output:
	// half  ztf   len
	//  f64  bool  i64
	//  0.5  true    8
	//  1.0  true    8
	// 2 rows × 3 columns
}

func ExampleExpr_Truncate() {
	f := frames.New(frames.Column("jd", []float64{2460000.5, 2460000.52}))
	fmt.Println(f.SelectExprs(frames.Col("jd").FromJD().Truncate(time.Hour).Alias("hour"), frames.Col("jd").Round(1).Alias("jd1")))
	// Output:
	// hour                       jd1
	// ts[us]                     f64
	// 2023-02-25 00:00:00  2460000.5
	// 2023-02-25 00:00:00  2460000.5
	// 2 rows × 2 columns
}

// Map runs a Go func per row: the slow path, for what expressions cannot say.
func ExampleExpr_Map() {
	f := frames.New(frames.Column("objectId", []string{"ZTF23abc"}))
	fmt.Println(f.SelectExprs(frames.Col("objectId").Map(func(v any) any { return strings.ToLower(v.(string)) }).Alias("id")))
	// Output:
	// id
	// str
	// ztf23abc
	// 1 rows × 1 columns
}
