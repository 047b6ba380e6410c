package file

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/internal/shareddata"
)

func sample(t *testing.T) (*arrow.Schema, arrow.Record) {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "candid", Type: arrow.PrimitiveTypes.Int64},
		{Name: "jd", Type: arrow.PrimitiveTypes.Float64},
		{Name: "band", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "real", Type: arrow.FixedWidthTypes.Boolean},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues([]int64{2400000000000000003, 2400000000000000001, 2400000000000000002}, nil)
	b.Field(1).(*array.Float64Builder).AppendValues([]float64{2460000.75, 2460000.25, 2460000.5}, nil)
	b.Field(2).(*array.StringBuilder).AppendValues([]string{"g", "", "r"}, []bool{true, false, true})
	b.Field(3).(*array.BooleanBuilder).AppendValues([]bool{true, false, true}, nil)
	return schema, b.NewRecord()
}

func TestRoundTripEveryFormat(t *testing.T) {
	schema, rec := sample(t)
	defer rec.Release()
	for _, ext := range []string{".parquet", ".arrow", ".arrows", ".csv", ".jsonl"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "alerts"+ext)
			if err := Write(path, schema, []arrow.Record{rec}); err != nil {
				t.Fatal(err)
			}
			recs, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			defer release(recs)
			if len(recs) != 1 || recs[0].NumRows() != 3 {
				t.Fatalf("read %d batches", len(recs))
			}
			got := recs[0]
			cand := got.Column(got.Schema().FieldIndices("candid")[0])
			if c, ok := cand.(*array.Int64); !ok || c.Value(0) != 2400000000000000003 {
				t.Fatalf("candid %v (%s): 64-bit ids must stay exact", cand, cand.DataType())
			}
			band := got.Column(got.Schema().FieldIndices("band")[0])
			if !band.IsNull(1) || band.IsNull(0) {
				t.Fatalf("band nulls lost: %v", band)
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := Read("alerts.xlsx"); err == nil {
		t.Fatal("want an error for an unknown format")
	}
}

func TestReadRealAvro(t *testing.T) {
	recs, err := Read(filepath.Join(shareddata.Alerts(t), "ztf-472263571115115000.avro"))
	if err != nil {
		t.Fatal(err)
	}
	defer release(recs)
	if recs[0].NumRows() != 1 {
		t.Fatal("want one alert")
	}
}

func TestReplayInEventTimeOrder(t *testing.T) {
	_, rec := sample(t)
	defer rec.Release()
	var order []int64
	start := time.Now()
	// 0.5 days of events at 86400 s/s: half a second of wall time.
	err := Replay(context.Background(), []arrow.Record{rec}, ReplayConfig{TimeColumn: "jd", Speed: 86400, BatchRows: 1},
		func(r arrow.Record) error {
			order = append(order, r.Column(0).(*array.Int64).Value(0))
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{2400000000000000001, 2400000000000000002, 2400000000000000003}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if d := time.Since(start); d < 400*time.Millisecond || d > 3*time.Second {
		t.Fatalf("replay took %v, want about 0.5 s", d)
	}
}
