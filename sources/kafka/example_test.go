package kafka_test

import (
	"context"
	"fmt"
	"time"

	"github.com/fountain-go/fountain/sources/kafka"
	"github.com/fountain-go/fountain/sources/testbed"
)

// Read a live alert topic as Arrow record batches. Here the topic comes
// from an embedded testbed; in a workshop it is $KAFKA_BROKERS.
func ExampleOpen() {
	tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", Speed: 1e9, MaxAlerts: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tb.Close()
	for tb.Produced() < 1000 {
		time.Sleep(10 * time.Millisecond)
	}
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{tb.Addr()}, Topic: "alerts"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer src.Close()
	rows := int64(0)
	for rows < 1000 {
		rec, err := src.Next(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		rows += rec.NumRows()
		rec.Release()
	}
	good, bad := src.Counts()
	fmt.Println(rows, "alerts;", good, "decoded,", bad, "dead letters")
	// Output: 1000 alerts; 1000 decoded, 0 dead letters
}
