package frames_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fountain-go/fountain/frames"
	"github.com/fountain-go/fountain/sources/file"
)

func ExampleFrame_Select() {
	fmt.Println(alerts().Select("objectId", "magpsf").Head(2))
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF1        18.2
	// ZTF2        19.5
	// 2 rows × 2 columns
}

func ExampleFrame_Drop() {
	fmt.Println(alerts().Drop("jd", "rb").Columns())
	// Output:
	// [objectId fid magpsf]
}

func ExampleFrame_Rename() {
	fmt.Println(alerts().Rename("magpsf", "mag").Columns())
	// Output:
	// [objectId fid mag rb jd]
}

func ExampleFrame_Tail() {
	fmt.Println(alerts().Tail(1).Select("objectId", "jd"))
	// Output:
	// objectId         jd
	// str             f64
	// ZTF2      2460002.5
	// 1 rows × 2 columns
}

func ExampleFrame_Slice() {
	fmt.Println(alerts().Slice(1, 2).Select("objectId"))
	// Output:
	// objectId
	// str
	// ZTF2
	// ZTF1
	// 2 rows × 1 columns
}

func ExampleFrame_Unnest() {
	type cand struct {
		Mag float64 `frame:"mag"`
		Fid int32   `frame:"fid"`
	}
	type alert struct {
		ID        string `frame:"objectId"`
		Candidate cand   `frame:"candidate"`
	}
	f := frames.FromStructs([]alert{{"ZTF1", cand{18.2, 1}}, {"ZTF2", cand{19.5, 2}}})
	fmt.Println(f.Unnest("candidate"))
	// Output:
	// objectId  candidate_mag  candidate_fid
	// str                 f64            i32
	// ZTF1               18.2              1
	// ZTF2               19.5              2
	// 2 rows × 3 columns
}

func ExampleWhen() {
	band := frames.When(frames.Col("fid").Eq(1)).Then("g").When(frames.Col("fid").Eq(2)).Then("r").Otherwise("i")
	fmt.Println(alerts().SelectExprs(frames.Col("objectId"), band.Alias("band")).Head(3))
	// Output:
	// objectId  band
	// str       str
	// ZTF1      g
	// ZTF2      r
	// ZTF1      r
	// 3 rows × 2 columns
}

func ExampleFrame_Write() {
	path := filepath.Join(os.TempDir(), "fountain-example.parquet")
	defer os.Remove(path)
	if err := alerts().Write(path); err != nil {
		fmt.Println(err)
		return
	}
	// Read is lazy: the filter and the two columns go into the scan.
	f := frames.Read(path).Filter(frames.Col("magpsf").Lt(19)).Select("objectId", "magpsf")
	fmt.Println(f)
	// Output:
	// objectId  magpsf
	// str          f64
	// ZTF1        18.2
	// ZTF1        18.0
	// 2 rows × 2 columns
}

func ExampleReadCSV() {
	path := filepath.Join(os.TempDir(), "fountain-example.csv")
	defer os.Remove(path)
	os.WriteFile(path, []byte("objectId,mag\nZTF1,18.2\nZTF2,19.5,extra\nZTF3,20.1\n"), 0o644)
	f, bad := frames.ReadCSV(path, file.CSVOptions{SkipBadRows: true})
	fmt.Println(f)
	fmt.Println(bad[0].Line, bad[0].Err)
	// Output:
	// objectId   mag
	// str        f64
	// ZTF1      18.2
	// ZTF3      20.1
	// 2 rows × 2 columns
	// 3 3 fields, header has 2
}

func ExampleFrame_Window() {
	at := func(s int) time.Time { return time.Date(2026, 11, 23, 22, 0, s, 0, time.UTC) }
	f := frames.New(frames.Column("t", []time.Time{at(10), at(50)}))
	fmt.Println(f.Window(frames.Sliding("t", time.Minute, 30*time.Second)))
	// Output:
	// t                    window_start         window_end
	// ts[us]               ts[us]               ts[us]
	// 2026-11-23 22:00:10  2026-11-23 21:59:30  2026-11-23 22:00:30
	// 2026-11-23 22:00:10  2026-11-23 22:00:00  2026-11-23 22:01:00
	// 2026-11-23 22:00:50  2026-11-23 22:00:00  2026-11-23 22:01:00
	// 2026-11-23 22:00:50  2026-11-23 22:00:30  2026-11-23 22:01:30
	// 4 rows × 3 columns
}

func ExampleFrame_Agg() {
	fmt.Println(alerts().Agg(frames.Count(), frames.Col("magpsf").Min(), frames.Col("rb").Mean()))
	// Output:
	// count  magpsf_min  rb_mean
	//   i64         f64      f64
	//     5        18.0    0.675
	// 1 rows × 3 columns
}
