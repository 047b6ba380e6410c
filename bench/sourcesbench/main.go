// Command sourcesbench prints make bench's lines for the alert sources, each
// with its peer measured in the same run:
//
//	alerts-decode: Avro candidate-only alerts into Arrow, vs hamba/avro into Go structs
//	alerts-kafka:  embedded broker -> consumer -> Avro -> Arrow, vs kafka-go's raw group fetch
//	alerts-generate: the simulated survey's alert rate (target >= 200k/s)
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"github.com/fountain-go/fountain/sources/kafka"
	"github.com/fountain-go/fountain/sources/sim"
	"github.com/fountain-go/fountain/sources/testbed"
	kafkago "github.com/segmentio/kafka-go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sourcesbench:", err)
		os.Exit(1)
	}
}

func run() error {
	// Generator.
	s := sim.New(sim.Config{Seed: 1})
	n, start := 0, time.Now()
	for time.Since(start) < 2*time.Second {
		n += len(s.Next().Alerts)
	}
	genRate := float64(n) / time.Since(start).Seconds()
	fmt.Printf("alerts-generate: fountain=%.0f/s (target >= 200000/s)\n", genRate)

	// Decode candidate-only alerts.
	var datums [][]byte
	for len(datums) < 20000 {
		for _, a := range s.Next().Alerts {
			a.PrvCandidates = nil
			b, err := alert.EncodeZTF(a)
			if err != nil {
				return err
			}
			datums = append(datums, b)
		}
	}
	dec, err := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	if err != nil {
		return err
	}
	arrowRate := rate(func() int {
		for _, d := range datums {
			if err := dec.Append(d); err != nil {
				panic(err)
			}
		}
		dec.NewRecord().Release()
		return len(datums)
	})
	structRate := rate(func() int {
		for _, d := range datums {
			if _, err := alert.DecodeZTF(d); err != nil {
				panic(err)
			}
		}
		return len(datums)
	})
	fmt.Printf("alerts-decode: fountain=%.0f/s hamba-structs=%.0f/s ratio=%.2f (target >= 1000000/s)\n",
		arrowRate, structRate, arrowRate/structRate)

	// Broker -> consumer -> Arrow, against kafka-go's raw fetch of the same topic.
	const total = 400000
	tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", Speed: 1e12, MaxAlerts: total})
	if err != nil {
		return err
	}
	defer tb.Close()
	for tb.Produced() < total {
		time.Sleep(50 * time.Millisecond)
	}
	raw := func() float64 {
		r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: "raw",
			StartOffset: kafkago.FirstOffset, MaxWait: 50 * time.Millisecond, MinBytes: 1, MaxBytes: 16 << 20})
		defer r.Close()
		// The clock starts at the first message: joining the group is not
		// throughput.
		if _, err := r.FetchMessage(context.Background()); err != nil {
			panic(err)
		}
		start := time.Now()
		for i := 1; i < total; i++ {
			if _, err := r.FetchMessage(context.Background()); err != nil {
				panic(err)
			}
		}
		return (total - 1) / time.Since(start).Seconds()
	}()
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: "arrow", BatchRows: 8192})
	if err != nil {
		return err
	}
	got := 0
	for got == 0 { // the clock starts at the first batch, as above
		rec, err := src.Next(context.Background())
		if err != nil {
			return err
		}
		got += int(rec.NumRows())
		rec.Release()
	}
	first := got
	start = time.Now()
	for got < total {
		rec, err := src.Next(context.Background())
		if err != nil {
			return err
		}
		got += int(rec.NumRows())
		rec.Release()
	}
	arrowKafka := float64(got-first) / time.Since(start).Seconds()
	src.Close()
	fmt.Printf("alerts-kafka: fountain=%.0f/s kafka-go-raw=%.0f/s ratio=%.2f (target >= 0.8)\n", arrowKafka, raw, arrowKafka/raw)
	return nil
}

// rate runs f for about a second and returns items per second.
func rate(f func() int) float64 {
	n, start := 0, time.Now()
	for time.Since(start) < time.Second {
		n += f()
	}
	return float64(n) / time.Since(start).Seconds()
}
