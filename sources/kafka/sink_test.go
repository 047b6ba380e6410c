package kafka

import (
	"context"
	"github.com/fountain-go/fountain/sources/testbed"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Alerts read from one topic and written back to another decode with the
// same alert schema: a filter can publish what it keeps.
func TestSinkRoundTrip(t *testing.T) {
	tb := testbedWith(t, 400)
	src, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", BatchRows: 400, BatchTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rec, err := src.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	// Read back with the default (ZTF) schema, not the sink's.
	got, back := writeAndReadBack(t, tb, SinkConfig{Topic: "kept", KeyColumn: "objectId"}, rec, false)
	if got.NumRows() != rec.NumRows() {
		t.Fatalf("read back %d rows of %d", got.NumRows(), rec.NumRows())
	}
	if _, bad := back.Counts(); bad != 0 {
		t.Fatalf("%d rows did not decode with the ZTF schema: %v", bad, back.DeadLetters()[0].Err)
	}
	want := map[int64]bool{}
	c := rec.Column(rec.Schema().FieldIndices("candid")[0]).(*array.Int64)
	for i := 0; i < c.Len(); i++ {
		want[c.Value(i)] = true
	}
	g := got.Column(got.Schema().FieldIndices("candid")[0]).(*array.Int64)
	for i := 0; i < g.Len(); i++ {
		if !want[g.Value(i)] {
			t.Fatalf("candid %d was not written", g.Value(i))
		}
	}
	key := got.Column(got.Schema().FieldIndices(ColKey)[0]).(*array.Binary)
	obj := got.Column(got.Schema().FieldIndices("objectId")[0]).(*array.String)
	if string(key.Value(0)) != obj.Value(0) {
		t.Fatal("the key column was not used")
	}
}

// writeAndReadBack writes rec to a topic with a Sink and reads it back in
// one batch, with the sink's Avro schema or the default alert schema.
func writeAndReadBack(t *testing.T, tb *testbed.Testbed, cfg SinkConfig, rec arrow.Record, sinkSchema bool) (arrow.Record, *Source) {
	t.Helper()
	cfg.Brokers = []string{tb.Addr()}
	sink, err := NewSink(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Write(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	sink.Close()
	rc := Config{Brokers: cfg.Brokers, Topic: cfg.Topic, BatchRows: int(rec.NumRows()), BatchTimeout: 5 * time.Second}
	if sinkSchema {
		rc.Schema = sink.Schema()
	}
	back, err := Open(context.Background(), rc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { back.Close() })
	got, err := back.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(got.Release)
	return got, back
}

// Nullable nested records (a struct column that may be null, nullable list
// items) encode and decode, nulls included.
func TestSinkNullableRecords(t *testing.T) {
	tb := testbedWith(t, 0)
	pos := arrow.StructOf(arrow.Field{Name: "ra", Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "pos", Type: pos, Nullable: true},
		{Name: "hist", Type: arrow.ListOfField(arrow.Field{Name: "item", Type: pos, Nullable: true}), Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 2}, nil)
	sb := b.Field(1).(*array.StructBuilder)
	sb.Append(true)
	sb.FieldBuilder(0).(*array.Float64Builder).Append(10.5)
	sb.AppendNull()
	lb := b.Field(2).(*array.ListBuilder)
	lb.Append(true)
	ib := lb.ValueBuilder().(*array.StructBuilder)
	ib.Append(true)
	ib.FieldBuilder(0).(*array.Float64Builder).Append(1.5)
	ib.AppendNull()
	lb.AppendNull()
	rec := b.NewRecord()
	defer rec.Release()

	got, back := writeAndReadBack(t, tb, SinkConfig{Topic: "nullable"}, rec, true)
	if _, bad := back.Counts(); bad != 0 || got.NumRows() != 2 {
		t.Fatalf("%d rows, %d bad", got.NumRows(), bad)
	}
	byID := map[int64]int{}
	ids := got.Column(0).(*array.Int64)
	for i := range ids.Len() {
		byID[ids.Value(i)] = i
	}
	p := got.Column(1).(*array.Struct)
	if p.IsNull(byID[1]) || p.Field(0).(*array.Float64).Value(byID[1]) != 10.5 || !p.IsNull(byID[2]) {
		t.Fatalf("pos column %v", p)
	}
	h := got.Column(2).(*array.List)
	if h.IsNull(byID[1]) || !h.IsNull(byID[2]) {
		t.Fatalf("hist column %v", h)
	}
	if s, e := h.ValueOffsets(byID[1]); e-s != 2 || !h.ListValues().IsNull(int(s)+1) {
		t.Fatalf("hist items %v", h)
	}
}
