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
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"github.com/fountain-go/fountain/sources/kafka"
	"github.com/fountain-go/fountain/sources/sim"
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

	// Broker -> consumer -> Arrow, against kafka-go's raw fetch of the same
	// topic. The broker runs in its own process (fountain testbed), so that
	// its memory and CPU are not the consumer's.
	const total = 400000
	addr, stop, err := startTestbed(total)
	if err != nil {
		return err
	}
	defer stop()
	raw := func() float64 {
		r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{addr}, Topic: "alerts", GroupID: "raw",
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
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{addr}, Topic: "alerts", GroupID: "arrow", BatchRows: 8192})
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
	var heapAt100k, heapAtEnd uint64
	for got < total {
		rec, err := src.Next(context.Background())
		if err != nil {
			return err
		}
		got += int(rec.NumRows())
		rec.Release()
		if heapAt100k == 0 && got >= 100000 {
			heapAt100k = heapInUse()
		}
	}
	heapAtEnd = heapInUse()
	arrowKafka := float64(got-first) / time.Since(start).Seconds()
	src.Close()
	fmt.Printf("alerts-kafka: fountain=%.0f/s kafka-go-raw=%.0f/s ratio=%.2f (target >= 0.8)\n", arrowKafka, raw, arrowKafka/raw)
	fmt.Printf("alerts-kafka-memory: heap after 100k alerts=%.1fMB after %dk=%.1fMB (target: flat)\n",
		float64(heapAt100k)/(1<<20), total/1000, float64(heapAtEnd)/(1<<20))
	return nil
}

// startTestbed runs bin/fountain testbed with a fixed number of alerts and
// waits until they are all in the topic.
func startTestbed(n int) (addr string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr = l.Addr().String()
	l.Close()
	cmd := exec.Command("bin/fountain", "testbed", "--addr", addr, "--rate", "0", "--speed", "1e12", "--max", strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("start bin/fountain testbed (run make build first): %w", err)
	}
	stop = func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }
	// Wait for the last alert: the high-water marks add up to n.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if total, err := topicSize(addr); err == nil && total >= int64(n) {
			return addr, stop, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("testbed did not produce %d alerts in time", n)
}

func topicSize(addr string) (int64, error) {
	conn, err := kafkago.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	parts, err := conn.ReadPartitions("alerts")
	if err != nil {
		return 0, err
	}
	var total int64
	for _, p := range parts {
		pc, err := kafkago.DialLeader(context.Background(), "tcp", addr, "alerts", p.ID)
		if err != nil {
			return 0, err
		}
		last, err := pc.ReadLastOffset()
		pc.Close()
		if err != nil {
			return 0, err
		}
		total += last
	}
	return total, nil
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// rate runs f for about a second and returns items per second.
func rate(f func() int) float64 {
	n, start := 0, time.Now()
	for time.Since(start) < time.Second {
		n += f()
	}
	return float64(n) / time.Since(start).Seconds()
}
