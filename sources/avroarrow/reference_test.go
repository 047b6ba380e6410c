package avroarrow_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/internal/shareddata"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"github.com/fountain-go/fountain/sources/sim"
	"github.com/hamba/avro/v2"
)

// The decoder against hamba/avro's generic decoding of the same datums,
// value by value: every field of simulated ZTF (with cutouts) and LSST
// alerts, nulls included, across several batches (so that buffers carried
// from one batch to the next are checked too).
func TestMatchesGenericDecode(t *testing.T) {
	ztf := sim.New(sim.Config{Seed: 5, Fields: 2, Cutouts: true})
	lsst := sim.New(sim.Config{Seed: 6, Fields: 2, LSST: true})
	for _, tc := range []struct {
		name   string
		schema avro.Schema
		next   func() [][]byte
	}{
		{"ztf", alert.ZTFSchema(), func() (out [][]byte) {
			for _, a := range ztf.Next().Alerts {
				b, err := alert.EncodeZTF(a)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, b)
			}
			return out
		}},
		{"lsst", alert.LSSTSchema(), func() (out [][]byte) {
			for _, a := range lsst.Next().LSST {
				b, err := alert.EncodeLSST(a)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, b)
			}
			return out
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
			defer mem.AssertSize(t, 0)
			d, err := avroarrow.NewDecoder(tc.schema, mem)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Release()
			rows := 0
			for batch := 0; batch < 4; batch++ {
				var want []any
				for len(want) < 100+batch*150 {
					for _, b := range tc.next() {
						var v any
						if err := avro.Unmarshal(tc.schema, b, &v); err != nil {
							t.Fatal(err)
						}
						want = append(want, v)
						if err := d.Append(b); err != nil {
							t.Fatal(err)
						}
					}
				}
				rec := d.NewRecord()
				compareRows(t, rec, want)
				rows += len(want)
				rec.Release()
			}
			if rows < 1000 {
				t.Fatalf("only %d rows compared", rows)
			}
		})
	}
}

// The real samples, decoded from their container files both ways.
func TestRealSamplesMatchGenericDecode(t *testing.T) {
	dir := shareddata.Alerts(t)
	for _, name := range []string{"ztf-472263571115115000.avro", "lsst-11.0-fakeAlert.avro"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			cr, err := alert.NewContainerReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			var want []any
			for {
				v, err := cr.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, v)
			}
			rec := readFile(t, name)
			defer rec.Release()
			compareRows(t, rec, want)
		})
	}
}

func compareRows(t *testing.T, rec arrow.Record, want []any) {
	t.Helper()
	if int(rec.NumRows()) != len(want) {
		t.Fatalf("%d rows, want %d", rec.NumRows(), len(want))
	}
	for i, w := range want {
		m := w.(map[string]any)
		for j, f := range rec.Schema().Fields() {
			if err := sameValue(rec.Column(j), i, m[f.Name]); err != nil {
				t.Fatalf("row %d, %s: %v", i, f.Name, err)
			}
		}
	}
}

// sameValue says how row i of a differs from v, a generically decoded
// Avro value (a union may come wrapped as {type name: value}).
func sameValue(a arrow.Array, i int, v any) error {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if _, isMap := a.(*array.Map); !isMap {
			for k, inner := range m {
				if st, isStruct := a.DataType().(*arrow.StructType); !isStruct || !hasField(st, k) {
					v = inner // a union's branch
				}
			}
		}
	}
	if v == nil {
		if !a.IsNull(i) {
			return errors.New("want null")
		}
		return nil
	}
	if a.IsNull(i) {
		return fmt.Errorf("null, want %v", v)
	}
	switch a := a.(type) {
	case *array.Struct:
		m := v.(map[string]any)
		for j, f := range a.DataType().(*arrow.StructType).Fields() {
			if err := sameValue(a.Field(j), i, m[f.Name]); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		return nil
	case *array.Map:
		m := v.(map[string]any)
		s, e := a.ValueOffsets(i)
		if int(e-s) != len(m) {
			return fmt.Errorf("%d entries, want %d", e-s, len(m))
		}
		keys := a.Keys().(*array.String)
		for k := int(s); k < int(e); k++ {
			if err := sameValue(a.Items(), k, m[keys.Value(k)]); err != nil {
				return fmt.Errorf("[%s]: %w", keys.Value(k), err)
			}
		}
		return nil
	case *array.List:
		l := v.([]any)
		s, e := a.ValueOffsets(i)
		if int(e-s) != len(l) {
			return fmt.Errorf("%d items, want %d", e-s, len(l))
		}
		for k, x := range l {
			if err := sameValue(a.ListValues(), int(s)+k, x); err != nil {
				return fmt.Errorf("[%d]: %w", k, err)
			}
		}
		return nil
	}
	var got any
	switch a := a.(type) {
	case *array.Boolean:
		got = a.Value(i)
	case *array.Int32:
		got = int(a.Value(i))
	case *array.Int64:
		got = a.Value(i)
	case *array.Float32:
		got = a.Value(i)
	case *array.Float64:
		got = a.Value(i)
	case *array.String:
		got = a.Value(i)
	case *array.Binary:
		got = string(a.Value(i))
	case *array.FixedSizeBinary:
		got = string(a.Value(i))
	case *array.Timestamp:
		got = int64(a.Value(i))
	default:
		return fmt.Errorf("type %s not compared", a.DataType())
	}
	switch w := v.(type) {
	case time.Time:
		if ts, ok := a.DataType().(*arrow.TimestampType); ok {
			v = map[arrow.TimeUnit]int64{arrow.Millisecond: w.UnixMilli(), arrow.Microsecond: w.UnixMicro()}[ts.Unit]
		}
	case []byte:
		v = string(w)
	case [16]byte:
		v = string(w[:])
	case float32:
		if g, ok := got.(float32); ok && math.IsNaN(float64(g)) && math.IsNaN(float64(w)) {
			return nil
		}
	case float64:
		if g, ok := got.(float64); ok && math.IsNaN(g) && math.IsNaN(w) {
			return nil
		}
	}
	if got != v {
		return fmt.Errorf("%v (%T), want %v (%T)", got, got, v, v)
	}
	return nil
}

func hasField(st *arrow.StructType, name string) bool {
	_, ok := st.FieldIdx(name)
	return ok
}

// Older LSST alert schemas (3.0 to 10.0) are built from these constructs:
// records in their own namespaces referred to by full name, nullable
// records and nullable arrays of records, field aliases, nullable
// timestamp-micros longs, booleans, bytes; other alert schemas also use
// unions of one type. A schema of our own with each of them decodes value
// for value as hamba/avro reads it.
func TestOlderLSSTConstructs(t *testing.T) {
	schema, err := avro.Parse(`{"type": "record", "name": "alert", "namespace": "survey.v3_0", "fields": [
		{"name": "alertId", "type": "long"},
		{"name": "source", "type": {"type": "record", "name": "source", "fields": [
			{"name": "sourceId", "type": "long"},
			{"name": "band", "type": "string"},
			{"name": "flux", "aliases": ["psFlux"], "type": ["null", "float"], "default": null},
			{"name": "isDipole", "type": ["null", "boolean"], "default": null},
			{"name": "seen", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}], "default": null}]}},
		{"name": "history", "type": ["null", {"type": "array", "items": "survey.v3_0.source"}], "default": null},
		{"name": "object", "type": ["null", {"type": "record", "name": "object", "namespace": "survey.common",
			"fields": [{"name": "objectId", "type": "long"}, {"name": "nSources", "type": "int"}]}], "default": null},
		{"name": "stamp", "type": ["null", "bytes"], "default": null},
		{"name": "radec", "type": [{"type": "record", "name": "radec", "fields": [{"name": "ra", "type": "double"}, {"name": "dec", "type": ["double"]}]}]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	src := func(i int64) map[string]any {
		m := map[string]any{"sourceId": 1<<60 + i, "band": "ugrizy"[i%6 : i%6+1], "flux": nil, "isDipole": nil, "seen": nil}
		if i%3 != 0 {
			m["flux"] = float32(i) * 1.5
			m["isDipole"] = i%2 == 0
			m["seen"] = time.UnixMicro(1700000000000000 + i*1000).UTC()
		}
		return m
	}
	d, err := avroarrow.NewDecoder(schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	var want []any
	for i := int64(0); i < 50; i++ {
		v := map[string]any{"alertId": 1<<62 + i, "source": src(i), "history": nil, "object": nil, "stamp": nil,
			"radec": map[string]any{"survey.v3_0.radec": map[string]any{"ra": float64(i), "dec": map[string]any{"double": -float64(i)}}}}
		if i%4 != 0 {
			var h []any
			for j := int64(0); j < i%5; j++ {
				h = append(h, src(j))
			}
			v["history"] = h
			v["object"] = map[string]any{"survey.common.object": map[string]any{"objectId": 1<<61 + i, "nSources": int(i % 5)}}
			v["stamp"] = []byte{byte(i), 0, 1}
		}
		b, err := avro.Marshal(schema, v)
		if err != nil {
			t.Fatal(err)
		}
		var back any
		if err := avro.Unmarshal(schema, b, &back); err != nil {
			t.Fatal(err)
		}
		want = append(want, back)
		if err := d.Append(b); err != nil {
			t.Fatal(err)
		}
	}
	rec := d.NewRecord()
	defer rec.Release()
	compareRows(t, rec, want)
	seen := rec.Column(1).(*array.Struct).Field(4)
	if seen.DataType().ID() != arrow.TIMESTAMP {
		t.Fatalf("timestamp-micros became %s", seen.DataType())
	}
}
