package kafka

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
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
	sink, err := NewSink(SinkConfig{Brokers: []string{tb.Addr()}, Topic: "kept", KeyColumn: "objectId"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Write(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	sink.Close()

	back, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "kept", BatchRows: int(rec.NumRows()), BatchTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	got, err := back.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
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
