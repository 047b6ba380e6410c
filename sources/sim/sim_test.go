package sim

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/sources/alert"
)

func run(cfg Config, visits int) []*Visit {
	s := New(cfg)
	out := make([]*Visit, visits)
	for i := range out {
		out[i] = s.Next()
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := run(Config{Seed: 7}, 50), run(Config{Seed: 7}, 50)
	c := run(Config{Seed: 8}, 50)
	same, differ := true, false
	for i := range a {
		if len(a[i].Alerts) != len(b[i].Alerts) {
			same = false
			break
		}
		for j := range a[i].Alerts {
			x, _ := alert.EncodeZTF(a[i].Alerts[j])
			y, _ := alert.EncodeZTF(b[i].Alerts[j])
			same = same && bytes.Equal(x, y)
		}
		differ = differ || len(a[i].Alerts) != len(c[i].Alerts)
	}
	if !same {
		t.Fatal("the same seed gave different alerts")
	}
	if !differ {
		t.Fatal("another seed gave the same alert counts")
	}
}

func TestVisitsAndCadence(t *testing.T) {
	vs := run(Config{Seed: 1}, 240)
	total := 0
	filters := map[int32]int{}
	for i, v := range vs {
		total += len(v.Alerts)
		filters[v.Fid]++
		if i > 0 {
			if dt := (v.JD - vs[i-1].JD) * 86400; math.Abs(dt-40) > 1e-3 {
				t.Fatalf("visit %d came %.3f s after the last, want 40 s", i, dt)
			}
		}
		for _, a := range v.Alerts {
			if a.Candidate.Field == nil || *a.Candidate.Field != v.Field || a.Candidate.Fid != v.Fid || a.Candidate.JD != v.JD {
				t.Fatal("alert does not match its visit")
			}
		}
	}
	perVisit := float64(total) / float64(len(vs))
	if perVisit < 50 || perVisit > 400 {
		t.Fatalf("%.0f alerts per visit, want a ZTF-like 50-400", perVisit)
	}
	if filters[1] == 0 || filters[2] == 0 || filters[3] == 0 {
		t.Fatalf("filters used %v, want g, r and i", filters)
	}
}

func TestBogusFractionAndQuality(t *testing.T) {
	vs := run(Config{Seed: 3}, 200)
	var n, bogus, bogusPass, realPass, real int
	for _, v := range vs {
		for i, a := range v.Alerts {
			n++
			c := a.Candidate
			pass := *c.RB >= 0.65 && *c.NBad == 0 && *c.FWHM <= 5 && *c.Elong <= 1.2 && math.Abs(float64(*c.MagDiff)) <= 0.1
			if v.Kinds[i] == Bogus {
				bogus++
				if pass {
					bogusPass++
				}
			} else {
				real++
				if pass {
					realPass++
				}
			}
		}
	}
	frac := float64(bogus) / float64(n)
	if frac < 0.05 || frac > 0.4 {
		t.Fatalf("bogus fraction %.2f, want between 0.05 and 0.4", frac)
	}
	// The tutorial's real/bogus cut keeps most real alerts and few bogus ones.
	if float64(bogusPass)/float64(bogus) > 0.05 {
		t.Fatalf("%d of %d bogus alerts pass the real/bogus cut", bogusPass, bogus)
	}
	if float64(realPass)/float64(real) < 0.8 {
		t.Fatalf("only %d of %d real alerts pass the real/bogus cut", realPass, real)
	}
}

func TestSupernovaRisesAndDeclines(t *testing.T) {
	s := New(Config{Seed: 5, Fields: 1, Objects: 1})
	sn := &object{kind: Supernova, peakJD: s.cfg.StartJD + 40, peakMag: 18, base: 22}
	var before, peak, after float64
	before, _, _, _ = s.observe(sn, sn.peakJD-10, 2, 99)
	peak, _, _, _ = s.observe(sn, sn.peakJD, 2, 99)
	after, _, _, _ = s.observe(sn, sn.peakJD+30, 2, 99)
	if !(before > peak && after > peak) {
		t.Fatalf("r-band light curve %.2f, %.2f, %.2f: want a peak in the middle", before, peak, after)
	}
	// Redder with time: g - r grows.
	gEarly, _, _, _ := s.observe(sn, sn.peakJD-5, 1, 99)
	rEarly, _, _, _ := s.observe(sn, sn.peakJD-5, 2, 99)
	gLate, _, _, _ := s.observe(sn, sn.peakJD+25, 1, 99)
	rLate, _, _, _ := s.observe(sn, sn.peakJD+25, 2, 99)
	if !(gLate-rLate > gEarly-rEarly) {
		t.Fatalf("g-r early %.2f, late %.2f: want it to redden", gEarly-rEarly, gLate-rLate)
	}
}

func TestAsteroidsMoveAndAreNamed(t *testing.T) {
	vs := run(Config{Seed: 11, Fields: 2}, 100)
	pos := map[string][2]float64{}
	moved := false
	for _, v := range vs {
		for i, a := range v.Alerts {
			if v.Kinds[i] != Asteroid {
				continue
			}
			if a.Candidate.SSNameNR == nil || a.Candidate.SSDistNR == nil {
				t.Fatal("asteroid alert without ssnamenr/ssdistnr")
			}
			p := [2]float64{a.Candidate.RA, a.Candidate.Dec}
			if q, ok := pos[a.ObjectID]; ok && math.Hypot(p[0]-q[0], p[1]-q[1]) > 1e-3 {
				moved = true
			}
			pos[a.ObjectID] = p
		}
	}
	if !moved {
		t.Fatal("no asteroid moved")
	}
}

func TestHistoryHasUpperLimits(t *testing.T) {
	vs := run(Config{Seed: 2, Fields: 2}, 60)
	limits, detections := 0, 0
	for _, a := range vs[len(vs)-1].Alerts {
		for _, p := range a.PrvCandidates {
			if p.Candid == nil {
				limits++
				if p.MagPSF != nil || p.DiffMagLim == nil {
					t.Fatal("an upper limit must have diffmaglim and no magpsf")
				}
			} else {
				detections++
			}
		}
	}
	if limits == 0 || detections == 0 {
		t.Fatalf("prv_candidates: %d upper limits, %d detections; want both", limits, detections)
	}
}

func TestCutoutsAreGzippedFITS(t *testing.T) {
	v := New(Config{Seed: 4, Fields: 1, Objects: 50, Cutouts: true}).Next()
	if len(v.Alerts) == 0 {
		t.Fatal("no alerts")
	}
	c := v.Alerts[0].CutoutDifference
	zr, err := gzip.NewReader(bytes.NewReader(c.StampData))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("SIMPLE  =                    T")) || len(raw)%2880 != 0 {
		t.Fatalf("not a FITS file: %q... (%d bytes)", raw[:30], len(raw))
	}
	if !bytes.Contains(raw[:2880], []byte("NAXIS1  =                   63")) {
		t.Fatal("stamp is not 63 pixels wide")
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	v := New(Config{Seed: 9, Fields: 1, Cutouts: true}).Next()
	for _, a := range v.Alerts[:5] {
		b, err := alert.EncodeZTF(a)
		if err != nil {
			t.Fatal(err)
		}
		back, err := alert.DecodeZTF(b)
		if err != nil {
			t.Fatal(err)
		}
		if back.Candid != a.Candid || back.Candid < 1<<53 || back.Candidate.MagPSF != a.Candidate.MagPSF ||
			len(back.PrvCandidates) != len(a.PrvCandidates) || !bytes.Equal(back.CutoutScience.StampData, a.CutoutScience.StampData) {
			t.Fatalf("round trip changed the alert %s", a.ObjectID)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	s := New(Config{Seed: 1})
	n := 0
	for b.Loop() {
		n += len(s.Next().Alerts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "alerts/s")
}

func TestLSSTStyle(t *testing.T) {
	vs := run(Config{Seed: 6, Fields: 3, Objects: 60, LSST: true, Cutouts: true}, 24)
	bands := map[string]int{}
	n := 0
	for _, v := range vs {
		if len(v.LSST) != len(v.Alerts) {
			t.Fatal("one LSST alert per detection")
		}
		for _, a := range v.LSST {
			n++
			bands[*a.DiaSource.Band]++
			if a.DiaSource.MidpointMjdTai < 59000 || a.DiaSource.MidpointMjdTai > 70000 {
				t.Fatalf("midpointMjdTai %v is not an MJD", a.DiaSource.MidpointMjdTai)
			}
			b, err := alert.EncodeLSST(a)
			if err != nil {
				t.Fatal(err)
			}
			back, err := alert.DecodeLSST(b)
			if err != nil {
				t.Fatal(err)
			}
			if back.DiaSourceID != a.DiaSourceID || len(back.PrvDiaSources) != len(a.PrvDiaSources) || len(back.CutoutDifference) == 0 {
				t.Fatal("LSST round trip changed the alert")
			}
		}
	}
	for _, b := range LSSTBands {
		if bands[b] == 0 {
			t.Fatalf("band %s never observed: %v", b, bands)
		}
	}
	if n == 0 {
		t.Fatal("no LSST alerts")
	}
}

func TestSourceGivesOneBatchPerVisitPaced(t *testing.T) {
	src, err := NewSource(Config{Seed: 3, Fields: 2, Objects: 50}, SourceConfig{VisitsPerSecond: 50, Visits: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := New(Config{Seed: 3, Fields: 2, Objects: 50})
	start := time.Now()
	rows := 0
	for {
		rec, err := src.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		v := want.Next()
		if int(rec.NumRows()) != len(v.Alerts) {
			t.Fatalf("visit %d: %d rows, %d alerts", want.Visits(), rec.NumRows(), len(v.Alerts))
		}
		if len(v.Alerts) > 0 {
			ids := rec.Column(rec.Schema().FieldIndices("candid")[0]).(*array.Int64)
			if ids.Value(0) != v.Alerts[0].Candid {
				t.Fatalf("candid %d, want %d", ids.Value(0), v.Alerts[0].Candid)
			}
		}
		rows += int(rec.NumRows())
	}
	if rows == 0 {
		t.Fatal("no alerts in ten visits")
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("ten visits at 50 a second took %s", d)
	}
	if !src.Schema().HasField("candidate") {
		t.Fatalf("schema %s", src.Schema())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src2, _ := NewSource(Config{Seed: 3}, SourceConfig{VisitsPerSecond: 0.001})
	src2.Next(context.Background())
	if _, err := src2.Next(ctx); err == nil {
		t.Fatal("a cancelled wait is an error")
	}
}

// Candidate-only alerts are the same sky without the history.
func TestNoHistory(t *testing.T) {
	full := run(Config{Seed: 3, Fields: 2}, 40)
	bare := run(Config{Seed: 3, Fields: 2, NoHistory: true}, 40)
	withHistory := 0
	for i := range full {
		if len(full[i].Alerts) != len(bare[i].Alerts) {
			t.Fatalf("visit %d: %d alerts, want %d", i, len(bare[i].Alerts), len(full[i].Alerts))
		}
		for j, a := range bare[i].Alerts {
			if len(a.PrvCandidates) != 0 {
				t.Fatal("a candidate-only alert has prv_candidates")
			}
			if a.Candid != full[i].Alerts[j].Candid || a.Candidate.MagPSF != full[i].Alerts[j].Candidate.MagPSF {
				t.Fatalf("visit %d alert %d differs from the same sky with history", i, j)
			}
			withHistory += len(full[i].Alerts[j].PrvCandidates)
		}
	}
	if withHistory == 0 {
		t.Fatal("the full alerts had no history to leave out")
	}
}
