package frames_test

import (
	"fmt"
	"time"

	"github.com/fountain-go/fountain/frames"
)

func alerts() frames.Frame {
	return frames.New(
		frames.Column("objectId", []string{"ZTF1", "ZTF2", "ZTF1", "ZTF3", "ZTF2"}),
		frames.Column("fid", []int32{1, 2, 2, 1, 1}),
		frames.Column("magpsf", []float64{18.2, 19.5, 18.0, 20.1, 19.7}),
		frames.Column("rb", []any{0.9, 0.3, 0.8, nil, 0.7}),
		frames.Column("jd", []float64{2460000.5, 2460000.6, 2460001.5, 2460001.7, 2460002.5}),
	)
}

func ExampleNew() {
	f := frames.New(
		frames.Column("band", []string{"g", "r"}),
		frames.Column("mag", []any{18.25, nil}),
	)
	fmt.Println(f)
	// Output:
	// band    mag
	// str     f64
	// g     18.25
	// r      null
	// 2 rows × 2 columns
}

func ExampleFromStructs() {
	type detection struct {
		Object string  `frame:"objectId"`
		Mag    float64 `frame:"magpsf"`
	}
	f := frames.FromStructs([]detection{{"ZTF1", 18.5}, {"ZTF2", 19.0}})
	fmt.Println(f.Columns(), f.NumRows())
	// Output: [objectId magpsf] 2
}

func ExampleFrame_Filter() {
	real := alerts().Filter(frames.Col("rb").Ge(0.65).And(frames.Col("magpsf").Lt(19)))
	fmt.Println(real.Select("objectId", "magpsf"))
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF1        18.2
	// ZTF1        18.0
	// 2 rows × 2 columns
}

func ExampleFrame_WithColumn() {
	f := alerts().WithColumn("band", frames.When(frames.Col("fid").Eq(1)).Then("g").Otherwise("r")).
		WithColumn("time", frames.Col("jd").FromJD().Truncate(24*time.Hour))
	fmt.Println(f.Select("band", "time").Head(2))
	// Output:
	// band  time
	// str   ts[us]
	// g     2023-02-25 00:00:00
	// r     2023-02-25 00:00:00
	// 2 rows × 2 columns
}

func ExampleFrame_Sort() {
	fmt.Println(alerts().Sort("fid", "-magpsf").Select("fid", "magpsf"))
	// Output:
	// fid  magpsf
	// i32     f64
	//   1    20.1
	//   1    19.7
	//   1    18.2
	//   2    19.5
	//   2    18.0
	// 5 rows × 2 columns
}

func ExampleFrame_TopK() {
	fmt.Println(alerts().TopK(1, frames.Asc("magpsf")).Select("objectId"))
	// Output:
	// objectId
	// str
	// ZTF1
	// 1 rows × 1 columns
}

func ExampleGrouped_Agg() {
	per := alerts().GroupBy("objectId").Agg(
		frames.Count(),
		frames.Col("magpsf").Min().Alias("brightest"),
		frames.Col("rb").Mean(),
	)
	fmt.Println(per)
	// Output:
	// objectId  count  brightest  rb_mean
	// str         i64        f64      f64
	// ZTF1          2       18.0     0.85
	// ZTF2          2       19.5      0.5
	// ZTF3          1       20.1     null
	// 3 rows × 4 columns
}

func ExampleFrame_Join() {
	names := frames.New(
		frames.Column("objectId", []string{"ZTF1", "ZTF3"}),
		frames.Column("class", []string{"SN Ia", "RR Lyr"}),
	)
	fmt.Println(alerts().Join(names, "objectId").Select("objectId", "magpsf", "class"))
	// Output:
	// objectId  magpsf  class
	// str          f64  str
	// ZTF1        18.2  SN Ia
	// ZTF1        18.0  SN Ia
	// ZTF3        20.1  RR Lyr
	// 3 rows × 3 columns
}

func ExampleFrame_AsOf() {
	// The latest reference magnitude at or before each detection.
	ref := frames.New(
		frames.Column("objectId", []string{"ZTF1", "ZTF1", "ZTF2"}),
		frames.Column("jd", []float64{2460000.0, 2460001.0, 2460000.0}),
		frames.Column("refmag", []float64{18.9, 18.4, 19.9}),
	)
	f := alerts().AsOf(ref, frames.AsOfSpec{On: "jd", By: []string{"objectId"}})
	fmt.Println(f.Select("objectId", "jd", "refmag"))
	// Output:
	// objectId         jd  refmag
	// str             f64     f64
	// ZTF1      2460000.5    18.9
	// ZTF2      2460000.6    19.9
	// ZTF1      2460001.5    18.4
	// ZTF3      2460001.7    null
	// ZTF2      2460002.5    19.9
	// 5 rows × 3 columns
}

func ExampleFrame_Unique() {
	fmt.Println(alerts().Unique("objectId").NumRows())
	// Output: 3
}

func ExampleFrame_Explain() {
	q := alerts().Select("objectId", "magpsf").Filter(frames.Col("magpsf").Lt(19))
	fmt.Println(q.Explain())
	// Output:
	// Project objectId, magpsf
	//   Filter (magpsf < 19)
	//     Rows columns [5 × 5]
}

func ExampleConcat() {
	night1 := frames.New(frames.Column("objectId", []string{"ZTF1"}), frames.Column("n", []int64{3}))
	night2 := frames.New(frames.Column("objectId", []string{"ZTF2"}), frames.Column("n", []int64{5}))
	fmt.Println(frames.Concat(night1, night2).NumRows())
	// Output: 2
}

func ExampleFrame_Explode() {
	f := frames.New(frames.Column("objectId", []string{"ZTF1"}), frames.Column("mags", [][]float64{{18.5, 18.25}}))
	fmt.Println(f.Explode("mags"))
	// Output:
	// objectId   mags
	// str         f64
	// ZTF1       18.5
	// ZTF1      18.25
	// 2 rows × 2 columns
}

func ExampleFrame_Describe() {
	fmt.Println(alerts().Select("magpsf").Describe().Head(3))
	// Output:
	// statistic  magpsf
	// str           f64
	// count         5.0
	// nulls         0.0
	// mean         19.1
	// 3 rows × 2 columns
}

func ExampleGrouped_TopK() {
	// The brightest detection of each object.
	fmt.Println(alerts().GroupBy("objectId").TopK(1, frames.Asc("magpsf")).Select("objectId", "magpsf"))
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF1        18.0
	// ZTF2        19.5
	// ZTF3        20.1
	// 3 rows × 2 columns
}

func ExampleFrame_Rolling() {
	// The mean of each object's last two magnitudes.
	f := alerts().Sort("objectId", "jd")
	fmt.Println(f.Rolling(frames.RollingSpec{Rows: 2, By: []string{"objectId"}}).
		Agg(frames.Col("magpsf").Mean().Alias("mag_2")).Select("objectId", "magpsf", "mag_2"))
	// Output:
	// objectId  magpsf  mag_2
	// str          f64    f64
	// ZTF1        18.2   18.2
	// ZTF1        18.0   18.1
	// ZTF2        19.5   19.5
	// ZTF2        19.7   19.6
	// ZTF3        20.1   20.1
	// 5 rows × 3 columns
}

func ExampleFrame_Pivot() {
	// The mean magnitude of each object in each band, a column per band.
	fmt.Println(alerts().Pivot([]string{"objectId"}, "fid", frames.Col("magpsf").Mean()))
	// Output:
	// objectId     1     2
	// str        f64   f64
	// ZTF1      18.2  18.0
	// ZTF2      19.7  19.5
	// ZTF3      20.1  null
	// 3 rows × 3 columns
}

func ExampleFrame_Melt() {
	wide := frames.New(frames.Column("objectId", []string{"ZTF1"}), frames.Column("g", []float64{18.2}), frames.Column("r", []float64{18.0}))
	fmt.Println(wide.Melt([]string{"objectId"}, "g", "r"))
	// Output:
	// objectId  variable  value
	// str       str         f64
	// ZTF1      g          18.2
	// ZTF1      r          18.0
	// 2 rows × 3 columns
}

func ExampleFrame_IntervalJoin() {
	at := func(m int) time.Time { return time.Date(2026, 11, 23, 22, m, 0, 0, time.UTC) }
	alerts := frames.New(frames.Column("obj", []string{"ZTF1", "ZTF2"}), frames.Column("t", []time.Time{at(0), at(10)}))
	followUp := frames.New(frames.Column("obj", []string{"ZTF1", "ZTF1", "ZTF2"}), frames.Column("t", []time.Time{at(20), at(90), at(5)}))
	// Follow-up observations within the hour after each alert.
	fmt.Println(alerts.IntervalJoin(followUp, frames.IntervalJoinSpec{On: []string{"obj"}, LeftTime: "t", RightTime: "t", Upper: time.Hour}))
	// Output:
	// obj   t                    t_right
	// str   ts[us]               ts[us]
	// ZTF1  2026-11-23 22:00:00  2026-11-23 22:20:00
	// 1 rows × 3 columns
}
