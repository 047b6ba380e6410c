package frames

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestRollingByRows(t *testing.T) {
	f := New(Column("k", []string{"a", "a", "b", "a", "b"}), Column("x", []any{1.0, 2.0, 10.0, nil, 20.0}))
	wantRows(t, f.Rolling(RollingSpec{Rows: 2, By: []string{"k"}}).Agg(Col("x").Sum(), Col("x").Count(), Col("x").Max()).Select("x_sum", "x_count", "x_max"), [][]any{
		{1.0, int64(1), 1.0}, {3.0, int64(2), 2.0}, {10.0, int64(1), 10.0}, {2.0, int64(1), 2.0}, {30.0, int64(2), 20.0},
	})
	wantErr(t, f.Rolling(RollingSpec{}).Agg(Count()), "give Rows > 0")
	wantErr(t, f.Rolling(RollingSpec{Rows: 2}).Agg(Col("k").Mean()), "needs numbers")
	wantErr(t, f.Rolling(RollingSpec{Rows: 2}).Agg(Col("x").Median()), "not a rolling aggregation")
	wantErr(t, f.Rolling(RollingSpec{On: "x", Period: time.Second}).Agg(Count()), "not a timestamp")
}

// Rolling windows against a direct computation on random data: groups,
// times out of order and repeated, nulls in values and times.
func TestRollingAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for trial := range 40 {
		n := r.IntN(120)
		ts := make([]any, n)
		xs := make([]any, n)
		ks := make([]string, n)
		for i := range n {
			ts[i] = sec(r.IntN(300))
			if r.IntN(20) == 0 {
				ts[i] = nil
			}
			xs[i] = 2460000 + r.Float64()*5
			if r.IntN(8) == 0 {
				xs[i] = nil
			}
			ks[i] = []string{"a", "b", "c"}[r.IntN(3)]
		}
		if n == 0 {
			continue
		}
		f := New(Column("t", ts), Column("x", xs), Column("k", ks))
		period := time.Duration(1+r.IntN(60)) * time.Second
		rows := 1 + r.IntN(6)
		for _, spec := range []RollingSpec{{Rows: rows, By: []string{"k"}}, {On: "t", Period: period, By: []string{"k"}}, {On: "t", Period: period}} {
			got := rows2(t, f.Rolling(spec).Agg(Count(), Col("x").Count(), Col("x").Sum(), Col("x").Mean(), Col("x").Min(), Col("x").Max(), Col("x").Std()))
			for i := range n {
				// The window of row i, by definition.
				var win []float64
				cnt := 0
				for j := range n {
					if ks[j] != ks[i] && spec.By != nil {
						continue
					}
					in := false
					if spec.Rows > 0 {
						// the rows of the group up to i, the last Rows of them
						if j <= i {
							later := 0
							for m := j + 1; m <= i; m++ {
								if ks[m] == ks[i] {
									later++
								}
							}
							in = later < spec.Rows
						}
					} else if ts[i] == nil {
						in = j == i
					} else if ts[j] != nil {
						d := ts[i].(time.Time).Sub(ts[j].(time.Time))
						in = d >= 0 && d < spec.Period
					}
					if !in {
						continue
					}
					cnt++
					if xs[j] != nil {
						win = append(win, xs[j].(float64))
					}
				}
				row := got[i]
				if row[3].(int64) != int64(cnt) || row[4].(int64) != int64(len(win)) {
					t.Fatalf("trial %d %+v row %d: counts %v %v, want %d %d", trial, spec, i, row[3], row[4], cnt, len(win))
				}
				sum, mn, mx := 0.0, math.Inf(1), math.Inf(-1)
				for _, v := range win {
					sum += v
					mn, mx = math.Min(mn, v), math.Max(mx, v)
				}
				near := func(a any, b float64) bool {
					return a != nil && math.Abs(a.(float64)-b) < 1e-6*math.Max(1, math.Abs(b))
				}
				if !near(row[5], sum) || len(win) > 0 && (!near(row[6], sum/float64(len(win))) || !near(row[7], mn) || !near(row[8], mx)) {
					t.Fatalf("trial %d %+v row %d: %v, want sum %g min %g max %g", trial, spec, i, row, sum, mn, mx)
				}
				if len(win) >= 2 {
					mean := sum / float64(len(win))
					ss := 0.0
					for _, v := range win {
						ss += (v - mean) * (v - mean)
					}
					if sd := math.Sqrt(ss / float64(len(win)-1)); math.Abs(row[9].(float64)-sd) > 1e-6 {
						t.Fatalf("trial %d row %d: std %v, want %g", trial, i, row[9], sd)
					}
				} else if row[9] != nil {
					t.Fatalf("std of %d values: %v", len(win), row[9])
				}
			}
		}
	}
}

// rows2 is rows without failing on nulls in the row type.
func rows2(t *testing.T, f Frame) [][]any { t.Helper(); return rows(t, f) }
