// Command framesbench times frames against DuckDB and pandas on the same
// data in one run and prints one line per case with the ratios:
//
//	groupby-10M: frames=12.3ms duckdb=24.1ms pandas=160ms frames/duckdb=0.51
//
// It is a separate module so that the product stays free of cgo.
package main

import (
	"database/sql"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/fountain-go/fountain/frames"
)

var (
	rows  = flag.Int("rows", 10_000_000, "rows of the large table")
	reps  = flag.Int("reps", 5, "timed repetitions per case (the median is reported)")
	pyBin = flag.String("python", "/usr/bin/python3", "Python with pandas, for the pandas column")
)

func main() {
	flag.Parse()
	log.SetFlags(0)
	dir, err := os.MkdirTemp("", "framesbench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	b := &bench{dir: dir, db: db}
	b.groupBy()
	b.filterProject()
	b.sort()
	b.join()
	b.asof()
	b.readFiles()
}

type bench struct {
	dir string
	db  *sql.DB
}

// median times fn reps times (after one warm-up run) and returns the median.
func median(fn func()) time.Duration {
	fn()
	ts := make([]time.Duration, *reps)
	for i := range ts {
		runtime.GC()
		t0 := time.Now()
		fn()
		ts[i] = time.Since(t0)
	}
	slices.Sort(ts)
	return ts[len(ts)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func (b *bench) exec(q string) {
	if _, err := b.db.Exec(q); err != nil {
		log.Fatalf("duckdb: %s: %v", q, err)
	}
}

// duck times a query that materializes its result in a table (so no rows
// cross into Go), dropping the table after each run.
func (b *bench) duck(q string) time.Duration {
	return median(func() {
		b.exec("CREATE OR REPLACE TEMP TABLE bench_out AS " + q)
		b.exec("DROP TABLE bench_out")
	})
}

// load writes a frame to Parquet and loads it into DuckDB as a table.
func (b *bench) load(name string, f frames.Frame) {
	path := filepath.Join(b.dir, name+".parquet")
	if err := f.Write(path); err != nil {
		log.Fatal(err)
	}
	b.exec(fmt.Sprintf("CREATE OR REPLACE TABLE %s AS SELECT * FROM '%s'", name, path))
}

// raw writes columns as little-endian files for pandas (numpy.fromfile).
func (b *bench) raw(name string, cols map[string]any) string {
	var parts []string
	for col, v := range cols {
		path := filepath.Join(b.dir, name+"."+col+".bin")
		fh, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if err := binary.Write(fh, binary.LittleEndian, v); err != nil {
			log.Fatal(err)
		}
		fh.Close()
		dtype := "float64"
		if _, ok := v.([]int64); ok {
			dtype = "int64"
		}
		parts = append(parts, fmt.Sprintf("%q: np.fromfile(%q, dtype=np.%s)", col, path, dtype))
	}
	return "pd.DataFrame({" + strings.Join(parts, ", ") + "})"
}

// pandas times a statement on DataFrames built by setup, in a Python
// process; "n/a" when pandas is missing.
func (b *bench) pandas(setup, stmt string) string {
	prog := fmt.Sprintf(`
import time, numpy as np, pandas as pd
%s
%s
ts = []
for _ in range(%d):
    t0 = time.perf_counter(); %s; ts.append(time.perf_counter() - t0)
ts.sort(); print(ts[len(ts)//2] * 1000)
`, setup, stmt, *reps, stmt)
	out, err := exec.Command(*pyBin, "-c", prog).Output()
	if err != nil {
		return "n/a"
	}
	return strings.TrimSpace(string(out)) + "ms"
}

func collect(f frames.Frame) {
	if err := f.Collect().Err(); err != nil {
		log.Fatal(err)
	}
}

func report(name string, fr, duck time.Duration, pandas string, extra ...string) {
	line := fmt.Sprintf("%s: frames=%s duckdb=%s", name, ms(fr), ms(duck))
	if pandas != "" {
		line += " pandas=" + trimMs(pandas)
	}
	line += fmt.Sprintf(" frames/duckdb=%.2f", float64(fr)/float64(duck))
	for _, e := range extra {
		line += " " + e
	}
	fmt.Println(line)
}

func trimMs(s string) string {
	var f float64
	if _, err := fmt.Sscanf(s, "%fms", &f); err == nil {
		return fmt.Sprintf("%.1fms", f)
	}
	return s
}

// peak runs fn and returns the largest heap growth seen while it ran.
func peak(fn func()) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := int64(ms.HeapAlloc)
	var top atomic.Int64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if d := int64(m.HeapAlloc) - base; d > top.Load() {
					top.Store(d)
				}
			}
		}
	}()
	fn()
	close(done)
	return top.Load()
}

func (b *bench) groupBy() {
	n := *rows
	r := rand.New(rand.NewPCG(1, 2))
	k := make([]int64, n)
	v := make([]float64, n)
	for i := range k {
		k[i] = r.Int64N(1000)
		v[i] = r.Float64() * 100
	}
	f := frames.New(frames.Column("k", k), frames.Column("v", v))
	q := func() frames.Frame {
		return f.GroupBy("k").Agg(frames.Col("v").Sum(), frames.Count())
	}
	fr := median(func() { collect(q()) })
	b.load("g", f)
	duck := b.duck("SELECT k, sum(v), count(*) FROM g GROUP BY k")
	pd := b.pandas("df = "+b.raw("g", map[string]any{"k": k, "v": v}), "df.groupby('k', sort=False)['v'].agg(['sum', 'count'])")
	input := int64(n) * 16
	mem := peak(func() { collect(q()) })
	report(fmt.Sprintf("groupby-%dM", n/1_000_000), fr, duck, pd,
		fmt.Sprintf("peak-extra=%.2fx-input", float64(mem)/float64(input)))
}

func (b *bench) filterProject() {
	n := *rows
	r := rand.New(rand.NewPCG(3, 4))
	k := make([]int64, n)
	v := make([]float64, n)
	w := make([]float64, n)
	for i := range k {
		k[i] = r.Int64N(1_000_000)
		v[i] = r.Float64()
		w[i] = r.NormFloat64()
	}
	f := frames.New(frames.Column("k", k), frames.Column("v", v), frames.Column("w", w))
	fr := median(func() {
		collect(f.Filter(frames.Col("v").Gt(0.5).And(frames.Col("w").Lt(1))).
			SelectExprs(frames.Col("k"), frames.Col("v").Mul(frames.Col("w")).Alias("vw")))
	})
	b.load("fp", f)
	duck := b.duck("SELECT k, v * w AS vw FROM fp WHERE v > 0.5 AND w < 1")
	pd := b.pandas("df = "+b.raw("fp", map[string]any{"k": k, "v": v, "w": w}),
		"s = df[(df.v > 0.5) & (df.w < 1)]; out = pd.DataFrame({'k': s.k, 'vw': s.v * s.w})")
	report(fmt.Sprintf("filter-project-%dM", n/1_000_000), fr, duck, pd)
}

func (b *bench) sort() {
	n := *rows
	r := rand.New(rand.NewPCG(5, 6))
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	f := frames.New(frames.Column("v", v))
	fr := median(func() { collect(f.Sort("v")) })
	b.load("s", f)
	duck := b.duck("SELECT v FROM s ORDER BY v")
	pd := b.pandas("df = "+b.raw("s", map[string]any{"v": v}), "df.sort_values('v', kind='stable')")
	report(fmt.Sprintf("sort-%dM", n/1_000_000), fr, duck, pd)
}

func (b *bench) join() {
	n, m := *rows, *rows/10
	r := rand.New(rand.NewPCG(7, 8))
	lk := make([]int64, n)
	lv := make([]float64, n)
	for i := range lk {
		lk[i] = r.Int64N(int64(m))
		lv[i] = r.Float64()
	}
	rk := make([]int64, m)
	rw := make([]float64, m)
	for i, p := range r.Perm(m) {
		rk[i] = int64(p)
		rw[i] = r.Float64()
	}
	l := frames.New(frames.Column("k", lk), frames.Column("v", lv))
	rt := frames.New(frames.Column("k", rk), frames.Column("w", rw))
	fr := median(func() { collect(l.Join(rt, "k")) })
	b.load("jl", l)
	b.load("jr", rt)
	duck := b.duck("SELECT jl.k, v, w FROM jl JOIN jr ON jl.k = jr.k")
	pd := b.pandas("l = "+b.raw("jl", map[string]any{"k": lk, "v": lv})+"\nr = "+b.raw("jr", map[string]any{"k": rk, "w": rw}),
		"l.merge(r, on='k')")
	input := int64(n+m) * 16
	mem := peak(func() { collect(l.Join(rt, "k")) })
	report(fmt.Sprintf("join-%dMx%dM", n/1_000_000, m/1_000_000), fr, duck, pd,
		fmt.Sprintf("peak-extra=%.2fx-input", float64(mem)/float64(input)))
}

func (b *bench) asof() {
	n := *rows / 10
	r := rand.New(rand.NewPCG(9, 10))
	mk := func() ([]int64, []float64, []float64) {
		by := make([]int64, n)
		t := make([]float64, n)
		x := make([]float64, n)
		for i := range by {
			by[i] = r.Int64N(1000)
			t[i] = math.Round(r.Float64()*1e6) / 10
			x[i] = r.Float64()
		}
		return by, t, x
	}
	lb, lt, lx := mk()
	rb, rtm, rx := mk()
	l := frames.New(frames.Column("id", lb), frames.Column("t", lt), frames.Column("x", lx))
	rt := frames.New(frames.Column("id", rb), frames.Column("t", rtm), frames.Column("y", rx))
	spec := frames.AsOfSpec{On: "t", By: []string{"id"}}
	fr := median(func() { collect(l.AsOf(rt, spec)) })
	b.load("al", l)
	b.load("ar", rt)
	duck := b.duck("SELECT al.id, al.t, x, y FROM al ASOF LEFT JOIN ar ON al.id = ar.id AND al.t >= ar.t")
	pd := b.pandas("l = "+b.raw("al", map[string]any{"id": lb, "t": lt, "x": lx})+".sort_values('t')\nr = "+
		b.raw("ar", map[string]any{"id": rb, "t": rtm, "y": rx})+".sort_values('t')",
		"pd.merge_asof(l, r, on='t', by='id')")
	report(fmt.Sprintf("asof-%dMx%dM", n/1_000_000, n/1_000_000), fr, duck, pd)
}

func (b *bench) readFiles() {
	n := *rows / 10
	r := rand.New(rand.NewPCG(11, 12))
	k := make([]int64, n)
	v := make([]float64, n)
	s := make([]string, n)
	bands := []string{"g", "r", "i", "z", "y", "u"}
	for i := range k {
		k[i] = r.Int64N(1 << 40)
		v[i] = r.Float64() * 20
		s[i] = bands[r.IntN(len(bands))]
	}
	f := frames.New(frames.Column("k", k), frames.Column("v", v), frames.Column("band", s))
	for _, ext := range []string{"csv", "parquet"} {
		path := filepath.Join(b.dir, "read."+ext)
		if err := f.Write(path); err != nil {
			log.Fatal(err)
		}
		fr := median(func() { collect(frames.Read(path)) })
		duck := b.duck(fmt.Sprintf("SELECT * FROM '%s'", path))
		pd := ""
		if ext == "csv" {
			pd = b.pandas("", fmt.Sprintf("pd.read_csv(%q)", path))
		}
		report(fmt.Sprintf("read-%s-%dM", ext, n/1_000_000), fr, duck, pd)
	}
}
