package avroarrow_test

import (
	"errors"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/internal/shareddata"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/sim"
)

func alerts(t testing.TB, n int, cutouts bool) []*alert.ZTF {
	s := sim.New(sim.Config{Seed: 21, Fields: 2, Cutouts: cutouts})
	var out []*alert.ZTF
	for len(out) < n {
		out = append(out, s.Next().Alerts...)
	}
	return out[:n]
}

func column(rec arrow.Record, name string) arrow.Array {
	idx := rec.Schema().FieldIndices(name)
	return rec.Column(idx[0])
}

func child(a arrow.Array, name string) arrow.Array {
	st := a.(*array.Struct)
	for i, f := range st.DataType().(*arrow.StructType).Fields() {
		if f.Name == name {
			return st.Field(i)
		}
	}
	return nil
}

func TestZTFIntoArrow(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	d, err := avroarrow.NewDecoder(alert.ZTFSchema(), mem)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	as := alerts(t, 300, true)
	for _, a := range as {
		b, err := alert.EncodeZTF(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Append(b); err != nil {
			t.Fatal(err)
		}
	}
	rec := d.NewRecord()
	defer rec.Release()
	if rec.NumRows() != int64(len(as)) {
		t.Fatalf("%d rows", rec.NumRows())
	}
	candid := column(rec, "candid").(*array.Int64)
	objectID := column(rec, "objectId").(*array.String)
	cand := column(rec, "candidate")
	mag := child(cand, "magpsf").(*array.Float32)
	ssname := child(cand, "ssnamenr").(*array.String)
	prv := column(rec, "prv_candidates").(*array.List)
	prvCandid := child(prv.ListValues(), "candid").(*array.Int64)
	cut := column(rec, "cutoutScience")
	stamp := child(cut, "stampData").(*array.Binary)
	for i, a := range as {
		if candid.Value(i) != a.Candid || objectID.Value(i) != a.ObjectID || mag.Value(i) != a.Candidate.MagPSF {
			t.Fatalf("row %d differs from alert %s", i, a.ObjectID)
		}
		if (a.Candidate.SSNameNR == nil) != ssname.IsNull(i) || (a.Candidate.SSNameNR != nil && ssname.Value(i) != *a.Candidate.SSNameNR) {
			t.Fatalf("row %d: ssnamenr", i)
		}
		start, end := prv.ValueOffsets(i)
		if int(end-start) != len(a.PrvCandidates) {
			t.Fatalf("row %d: %d prv_candidates, want %d", i, end-start, len(a.PrvCandidates))
		}
		for j, p := range a.PrvCandidates {
			k := int(start) + j
			if (p.Candid == nil) != prvCandid.IsNull(k) || (p.Candid != nil && *p.Candid != prvCandid.Value(k)) {
				t.Fatalf("row %d prv %d: candid (upper limits are null)", i, j)
			}
		}
		if string(stamp.Value(i)) != string(a.CutoutScience.StampData) {
			t.Fatalf("row %d: cutout bytes differ", i)
		}
	}
	if candid.Value(0) < 1<<53 {
		t.Fatal("test ids should be above 2^53 to prove exactness")
	}
}

func TestCorruptDatumLeavesBatchUnchanged(t *testing.T) {
	d, err := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	as := alerts(t, 3, false)
	good, _ := alert.EncodeZTF(as[0])
	if err := d.Append(good); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated": good[:len(good)/2],
		"empty":     {},
		"trailing":  append(append([]byte{}, good...), 1, 2, 3),
		"garbage":   []byte("this is not avro at all, not even close"),
		"bad union": func() []byte { b := append([]byte{}, good...); b[len(b)-1] = 0x7f; return b }(),
	} {
		if err := d.Append(bad); !errors.Is(err, avroarrow.ErrCorrupt) {
			t.Errorf("%s: err %v, want avroarrow.ErrCorrupt", name, err)
		}
	}
	next, _ := alert.EncodeZTF(as[1])
	if err := d.Append(next); err != nil {
		t.Fatal(err)
	}
	rec := d.NewRecord()
	defer rec.Release()
	if rec.NumRows() != 2 {
		t.Fatalf("%d rows, want the 2 good ones", rec.NumRows())
	}
	if got := column(rec, "candid").(*array.Int64).Value(1); got != as[1].Candid {
		t.Fatalf("second row candid %d, want %d", got, as[1].Candid)
	}
}

func readFile(t *testing.T, name string) arrow.Record {
	f, err := os.Open(filepath.Join(shareddata.Alerts(t), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr, err := alert.NewContainerReader(f)
	if err != nil {
		t.Fatal(err)
	}
	d, err := avroarrow.NewDecoder(cr.Schema(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	for {
		data, n, err := cr.NextBlock()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := d.AppendBlock(data, n); err != nil {
			t.Fatal(err)
		}
	}
	return d.NewRecord()
}

func TestRealZTF33FileIntoArrow(t *testing.T) {
	rec := readFile(t, "ztf-472263571115115000.avro")
	defer rec.Release()
	if rec.NumRows() != 1 {
		t.Fatalf("%d rows", rec.NumRows())
	}
	if got := column(rec, "candid").(*array.Int64).Value(0); got != 472263571115115000 {
		t.Fatalf("candid %d", got)
	}
	prv := column(rec, "prv_candidates").(*array.List)
	if s, e := prv.ValueOffsets(0); e-s != 11 {
		t.Fatalf("%d prv_candidates, want 11", e-s)
	}
	// ZTF 3.3 declares ["float", "null"]: decoded as nullable float32.
	rb := child(column(rec, "candidate"), "rb")
	if rb.DataType().ID() != arrow.FLOAT32 || rb.IsNull(0) {
		t.Fatalf("rb: %s null=%v", rb.DataType(), rb.IsNull(0))
	}
	stamp := child(column(rec, "cutoutDifference"), "stampData").(*array.Binary)
	if v := stamp.Value(0); len(v) < 1000 || v[0] != 0x1f {
		t.Fatal("cutout bytes missing")
	}
}

func TestRealLSSTFileIntoArrow(t *testing.T) {
	rec := readFile(t, "lsst-11.0-fakeAlert.avro")
	defer rec.Release()
	if rec.NumRows() != 1 {
		t.Fatalf("%d rows", rec.NumRows())
	}
	if column(rec, "diaSourceId").DataType().ID() != arrow.INT64 {
		t.Fatal("diaSourceId must be int64")
	}
	if _, ok := column(rec, "diaSource").(*array.Struct); !ok {
		t.Fatal("diaSource must be a struct column")
	}
}

func BenchmarkDecodeCandidateOnly(b *testing.B) {
	as := alerts(b, 5000, false)
	for i := range as {
		as[i].PrvCandidates = nil // candidate-only alerts
	}
	benchDecode(b, as)
}

func BenchmarkDecodeFullAlerts(b *testing.B) { benchDecode(b, alerts(b, 5000, false)) }

func benchDecode(b *testing.B, as []*alert.ZTF) { benchDecodeOnly(b, as, nil) }

// benchDecodeOnly decodes the alerts' only fields (all with nil).
func benchDecodeOnly(b *testing.B, as []*alert.ZTF, only []string) {
	datums := make([][]byte, len(as))
	for i, a := range as {
		datums[i], _ = alert.EncodeZTF(a)
	}
	d, _ := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	defer d.Release()
	if err := d.Only(only); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		for _, x := range datums {
			if err := d.Append(x); err != nil {
				b.Fatal(err)
			}
		}
		n += len(datums)
		d.NewRecord().Release()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "alerts/s")
}

func TestFlatten(t *testing.T) {
	d, _ := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	defer d.Release()
	as := alerts(t, 20, false)
	for _, a := range as {
		b, _ := alert.EncodeZTF(a)
		d.Append(b)
	}
	rec := d.NewRecord()
	defer rec.Release()
	flat := avroarrow.Flatten(rec, ".")
	defer flat.Release()
	mag := flat.Column(flat.Schema().FieldIndices("candidate.magpsf")[0]).(*array.Float32)
	if mag.Value(3) != as[3].Candidate.MagPSF {
		t.Fatal("candidate.magpsf differs")
	}
	if len(flat.Schema().FieldIndices("cutoutScience.stampData")) != 1 || len(flat.Schema().FieldIndices("candidate")) != 0 {
		t.Fatal("struct columns were not flattened")
	}
	if !flat.Column(flat.Schema().FieldIndices("cutoutScience.stampData")[0]).IsNull(0) {
		t.Fatal("a null parent must give a null field")
	}
	if flat.Schema().Field(flat.Schema().FieldIndices("prv_candidates")[0]).Type.ID() != arrow.LIST {
		t.Fatal("lists stay lists")
	}
}

// Corrupt datums among good ones — cut anywhere, or a byte changed
// anywhere: what the good ones make stays exactly as decoding them alone.
func TestCorruptionAnywhereKeepsTheGoodRows(t *testing.T) {
	as := alerts(t, 40, false)
	var good [][]byte
	for _, a := range as {
		b, err := alert.EncodeZTF(a)
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, b)
	}
	decodeAll := func(broken func(i int, g []byte) []byte) (arrow.Record, int) {
		d, err := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
		if err != nil {
			t.Fatal(err)
		}
		refused := 0
		for i, g := range good {
			if broken != nil {
				if err := d.Append(broken(i, g)); err != nil {
					refused++
					if !errors.Is(err, avroarrow.ErrCorrupt) {
						t.Fatalf("datum %d: error %v", i, err)
					}
				}
			}
			if err := d.Append(g); err != nil {
				t.Fatal(err)
			}
		}
		return d.NewRecord(), refused
	}
	want, _ := decodeAll(nil)
	defer want.Release()
	// Cut: always refused, and the batch is exactly the good rows.
	cut, refused := decodeAll(func(i int, g []byte) []byte { return append([]byte(nil), g[:(i*37)%len(g)]...) })
	defer cut.Release()
	if refused != len(good) || !array.RecordEqual(cut, want) {
		t.Fatalf("%d of %d cut datums refused; batch equal: %v", refused, len(good), array.RecordEqual(cut, want))
	}
	// Flipped: may decode as other values; never a panic, and every good
	// row is there.
	flipped, _ := decodeAll(func(i int, g []byte) []byte {
		b := append([]byte(nil), g...)
		b[(i*37)%len(b)] ^= 0xff
		return b
	})
	defer flipped.Release()
	ids := map[int64]bool{}
	for _, c := range column(flipped, "candid").(*array.Int64).Int64Values() {
		ids[c] = true
	}
	for i, c := range column(want, "candid").(*array.Int64).Int64Values() {
		if !ids[c] {
			t.Fatalf("good datum %d (candid %d) lost", i, c)
		}
	}
}

// Only: the kept columns are as a full decode makes them, the others all
// null, the schema the same; and Only(nil) decodes everything again.
func TestOnly(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	var datums [][]byte
	for _, a := range alerts(t, 200, true) {
		b, err := alert.EncodeZTF(a)
		if err != nil {
			t.Fatal(err)
		}
		datums = append(datums, b)
	}
	decode := func(only []string) arrow.Record {
		d, err := avroarrow.NewDecoder(alert.ZTFSchema(), mem)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Release()
		if err := d.Only(only); err != nil {
			t.Fatal(err)
		}
		for _, b := range datums {
			if err := d.Append(b); err != nil {
				t.Fatal(err)
			}
		}
		return d.NewRecord()
	}
	full := decode(nil)
	defer full.Release()
	part := decode([]string{"candidate", "objectId"})
	defer part.Release()
	if !part.Schema().Equal(full.Schema()) {
		t.Fatal("Only changed the schema")
	}
	for i, f := range full.Schema().Fields() {
		kept := f.Name == "candidate" || f.Name == "objectId"
		switch {
		case kept && !array.Equal(part.Column(i), full.Column(i)):
			t.Fatalf("%s differs from the full decode", f.Name)
		case !kept && part.Column(i).NullN() != int(part.NumRows()):
			t.Fatalf("%s: %d nulls of %d, want all null", f.Name, part.Column(i).NullN(), part.NumRows())
		}
	}
	d, _ := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	defer d.Release()
	if err := d.Only([]string{"candidat"}); err == nil {
		t.Fatal("Only accepted an unknown field")
	}
	d.Append(datums[0])
	if err := d.Only(nil); err == nil {
		t.Fatal("Only in the middle of a batch")
	}
	// A corrupt datum is refused in a skipped field too.
	d.NewRecord().Release()
	d.Only([]string{"objectId"})
	if err := d.Append(datums[0][:len(datums[0])-3]); !errors.Is(err, avroarrow.ErrCorrupt) {
		t.Fatalf("truncated datum: %v", err)
	}
}

func BenchmarkDecodeFullAlertsCandidateOnly(b *testing.B) {
	benchDecodeOnly(b, alerts(b, 5000, false), []string{"objectId", "candid", "candidate"})
}

// A block that goes bad part-way keeps the datums before the bad one, and
// they stay when a later datum fails too.
func TestAppendBlockStopsAtTheBadDatum(t *testing.T) {
	var good [][]byte
	for _, a := range alerts(t, 4, false) {
		b, err := alert.EncodeZTF(a)
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, b)
	}
	block := append(append([]byte{}, good[0]...), good[1]...)
	block = append(block, 0x7f) // a union branch that does not exist
	block = append(block, good[2][1:]...)
	d, _ := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	defer d.Release()
	if err := d.AppendBlock(block, 3); !errors.Is(err, avroarrow.ErrCorrupt) || !strings.Contains(err.Error(), "datum 2") {
		t.Fatalf("error %v, want datum 2 corrupt", err)
	}
	if err := d.Append(good[3][:10]); !errors.Is(err, avroarrow.ErrCorrupt) {
		t.Fatalf("truncated datum: %v", err)
	}
	got := d.NewRecord()
	defer got.Release()
	for _, g := range good[:2] {
		if err := d.Append(g); err != nil {
			t.Fatal(err)
		}
	}
	want := d.NewRecord()
	defer want.Release()
	if !array.RecordEqual(got, want) {
		t.Fatalf("%d rows after the bad block, want exactly the two good ones", got.NumRows())
	}
}
