package testbed

import (
	"context"
	"testing"
	"time"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/twmb/franz-go/pkg/kgo"
)

// franz-go's client, a third independent implementation, reads the topic too.
func TestFranzGoConsumerGroup(t *testing.T) {
	tb := start(t, Config{Rate: 0, Speed: 1e9, MaxAlerts: 300})
	cl, err := kgo.NewClient(kgo.SeedBrokers(tb.Addr()), kgo.ConsumerGroup("franz"), kgo.ConsumeTopics("alerts"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n := 0
	for n < 300 {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("after %d records: %v", n, err)
		}
		fs.EachRecord(func(r *kgo.Record) {
			if _, err := alert.DecodeZTF(r.Value); err != nil {
				t.Errorf("partition %d offset %d: %v", r.Partition, r.Offset, err)
			}
			n++
		})
	}
	if n != 300 {
		t.Fatalf("%d records, want 300", n)
	}
}
