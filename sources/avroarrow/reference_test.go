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
