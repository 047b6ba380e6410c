// Command sourcesbench prints make bench's lines for the alert sources, each
// with its peer measured in the same run:
//
//	alerts-decode: Avro candidate-only alerts into Arrow, vs hamba/avro into Go structs
//	alerts-kafka:  embedded broker -> consumer -> Avro -> Arrow, vs kafka-go's raw group fetch
//	               (candidate-only alerts and alerts with history, best of three rounds)
//	alerts-generate: the simulated survey's alert rate (target >= 200k/s)
//	stream-kafka-live: broker -> windowed stream -> live table, vs the raw fetch
//	stream-latency: produce at 10k alerts/s -> the live table update that counts it (p50, p99)
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fountain-go/fountain/display"
	"github.com/fountain-go/fountain/frames"
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
	arrowRate, structRate, err := decodeRates(datums)
	if err != nil {
		return err
	}
	fmt.Printf("alerts-decode: fountain=%.0f/s hamba-structs=%.0f/s ratio=%.2f (target >= 1000000/s)\n",
		arrowRate, structRate, arrowRate/structRate)

	// Whole alerts, with their detection history, as the testbed sends them.
	var full [][]byte
	for len(full) < 20000 {
		for _, a := range s.Next().Alerts {
			b, err := alert.EncodeZTF(a)
			if err != nil {
				return err
			}
			full = append(full, b)
		}
	}
	fullArrow, fullStructs, err := decodeRates(full)
	if err != nil {
		return err
	}
	fmt.Printf("alerts-decode-with-history: fountain=%.0f/s hamba-structs=%.0f/s ratio=%.2f\n", fullArrow, fullStructs, fullArrow/fullStructs)

	// Broker -> consumer -> Arrow, against kafka-go's raw fetch of the same
	// topic, on two topics: candidate-only alerts (the reference,
	// messages of a few hundred bytes) and alerts with 30 days of history
	// (1.3 KB, five times the decoding). The broker runs in its own process
	// (fountain testbed), so that its memory and CPU are not the
	// consumer's. The topic is read once untimed first: kfake's first read
	// of a topic is slower, whoever makes it. Then the raw fetch, the Arrow
	// source and the live stream take turns, three rounds; each line gives
	// the best round of each.
	const total = 400000
	for i, kind := range []struct{ name, flag string }{{"candidate-only", "--history=false"}, {"with-history", "--history=true"}} {
		addr, stop, err := startTestbed(total, kind.flag)
		if err != nil {
			return err
		}
		if _, err := rawFetch(addr, total); err != nil {
			stop()
			return err
		}
		var raw, arrowKafka, live float64
		var heap [2]uint64
		var liveNote string
		for round := 0; round < 3; round++ {
			r, err := rawFetch(addr, total)
			if err == nil {
				raw = max(raw, r)
				var h [2]uint64
				if r, h, err = arrowFetch(addr, total); err == nil {
					arrowKafka = max(arrowKafka, r)
					heap = h
					var note string
					if r, note, err = liveThroughput(addr, total); err == nil && r > live {
						live, liveNote = r, note
					}
				}
			}
			if err != nil {
				stop()
				return err
			}
		}
		fmt.Printf("alerts-kafka (%s): fountain=%.0f/s kafka-go-raw=%.0f/s ratio=%.2f (target >= 0.8)\n", kind.name, arrowKafka, raw, arrowKafka/raw)
		fmt.Printf("stream-kafka-live (%s): fountain=%.0f/s kafka-go-raw=%.0f/s ratio=%.2f (target >= 0.8; %s)\n", kind.name, live, raw, live/raw, liveNote)
		if i == 0 {
			fmt.Printf("alerts-kafka-memory: heap after 100k alerts=%.1fMB after %dk=%.1fMB (target: flat)\n",
				float64(heap[0])/(1<<20), total/1000, float64(heap[1])/(1<<20))
		}
		if i == 1 {
			err = latency(addr)
		}
		stop()
		if err != nil {
			return err
		}
	}
	return nil
}

// rawFetch reads the topic with kafka-go's group reader, messages only.
func rawFetch(addr string, total int) (float64, error) {
	r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{addr}, Topic: "alerts", GroupID: groupID("raw"),
		StartOffset: kafkago.FirstOffset, MaxWait: 50 * time.Millisecond, MinBytes: 1, MaxBytes: 16 << 20})
	defer r.Close()
	// The clock starts at the first message: joining the group is not
	// throughput.
	if _, err := r.FetchMessage(context.Background()); err != nil {
		return 0, err
	}
	start := time.Now()
	for i := 1; i < total; i++ {
		if _, err := r.FetchMessage(context.Background()); err != nil {
			return 0, err
		}
	}
	return float64(total-1) / time.Since(start).Seconds(), nil
}

var groups int

// groupID names a fresh consumer group, so that each run reads the topic
// from the start.
func groupID(prefix string) string {
	groups++
	return fmt.Sprintf("%s-%d", prefix, groups)
}

// arrowFetch reads the topic with the Arrow source, and notes the heap
// after 100k alerts and at the end.
func arrowFetch(addr string, total int) (float64, [2]uint64, error) {
	var heap [2]uint64
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{addr}, Topic: "alerts", GroupID: groupID("arrow"), BatchRows: 8192})
	if err != nil {
		return 0, heap, err
	}
	defer src.Close()
	got := 0
	for got == 0 { // the clock starts at the first batch, as above
		rec, err := src.Next(context.Background())
		if err != nil {
			return 0, heap, err
		}
		got += int(rec.NumRows())
		rec.Release()
	}
	first, start := got, time.Now()
	for got < total {
		rec, err := src.Next(context.Background())
		if err != nil {
			return 0, heap, err
		}
		got += int(rec.NumRows())
		rec.Release()
		if heap[0] == 0 && got >= 100000 {
			heap[0] = heapInUse()
		}
	}
	rate := float64(got-first) / time.Since(start).Seconds()
	heap[1] = heapInUse()
	return rate, heap, nil
}

// recorder is a display publisher that keeps each update's time, text and
// size, in place of a notebook.
type recorder struct {
	mu      sync.Mutex
	at      []time.Time
	text    []string
	maxSize int
}

func (r *recorder) Display(b display.Bundle, _ string, _ bool) {
	t := b.Data[display.MIMEText].(string)
	size := len(t) + len(b.Data[display.MIMEHTML].(string))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.at, r.text = append(r.at, time.Now()), append(r.text, t)
	r.maxSize = max(r.maxSize, size)
}
func (r *recorder) Clear(bool) {}

// liveThroughput reads the topic through a windowed stream shown as a
// live table, and returns its rate and a note on the updates.
func liveThroughput(addr string, total int) (float64, string, error) {
	rec := &recorder{}
	old := display.SetPublisher(rec)
	defer display.SetPublisher(old)
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{addr}, Topic: "alerts", GroupID: groupID("live"), BatchRows: 8192})
	if err != nil {
		return 0, "", err
	}
	defer src.Close()
	q := frames.StreamFrom(src).Limit(int64(total)).
		WithColumn("t", frames.Col("candidate").Field("jd").FromJD()).
		Watermark("t", time.Minute).IdlePartitions(kafka.ColPartition, 5*time.Second).
		WithColumn("fid", frames.Col("candidate").Field("fid")).
		GroupByWindow(frames.Tumbling("t", 30*time.Second), "fid").Count().Start()
	lt := display.Live(q, display.LiveOptions{SortBy: []frames.SortKey{frames.Desc("window_start")}})
	for q.Stats().RowsIn == 0 { // the clock starts at the first batch, as for the raw fetch
		time.Sleep(time.Millisecond)
	}
	first, start := q.Stats().RowsIn, time.Now()
	if err := q.Wait(); err != nil {
		return 0, "", err
	}
	rate := float64(q.Stats().RowsIn-first) / time.Since(start).Seconds()
	lt.Wait()
	updates, _ := lt.Stats()
	return rate, fmt.Sprintf("%d live-table updates, largest %d bytes, target <= 65536; %d late rows", updates, rec.maxSize, q.Stats().RowsLate), nil
}

// latency produces alerts at 10k/s to a fresh topic and times each until
// the live table update that first counts it.
func latency(addr string) error {
	const perSec, seconds = 10000, 4
	conn, err := kafkago.Dial("tcp", addr)
	if err != nil {
		return err
	}
	err = conn.CreateTopics(kafkago.TopicConfig{Topic: "latency", NumPartitions: 1, ReplicationFactor: 1})
	conn.Close()
	if err != nil {
		return err
	}
	var msgs []kafkago.Message
	s := sim.New(sim.Config{Seed: 4})
	for len(msgs) < perSec*seconds {
		for _, a := range s.Next().Alerts {
			b, err := alert.EncodeZTF(a)
			if err != nil {
				return err
			}
			msgs = append(msgs, kafkago.Message{Value: b})
		}
	}
	msgs = msgs[:perSec*seconds]

	rec := &recorder{}
	old := display.SetPublisher(rec)
	defer display.SetPublisher(old)
	src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{addr}, Topic: "latency", BatchTimeout: 20 * time.Millisecond})
	if err != nil {
		return err
	}
	defer src.Close()
	every := 250 * time.Millisecond
	q := frames.StreamFrom(src).Limit(int64(len(msgs))).Agg(frames.Count()).Start()
	lt := display.Live(q, display.LiveOptions{Every: every})

	w := &kafkago.Writer{Addr: kafkago.TCP(addr), Topic: "latency", BatchTimeout: time.Millisecond, BatchSize: 100, RequiredAcks: kafkago.RequireOne}
	defer w.Close()
	sent := make([]time.Time, len(msgs))
	tick := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < len(msgs); i += perSec / 100 {
		<-tick.C
		now := time.Now()
		for j := i; j < i+perSec/100; j++ {
			sent[j] = now
		}
		if err := w.WriteMessages(context.Background(), msgs[i:i+perSec/100]...); err != nil {
			return err
		}
	}
	tick.Stop()
	if err := q.Wait(); err != nil {
		return err
	}
	lt.Wait()

	// Each update shows the count: the first that reaches i+1 shows message i.
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var lat []time.Duration
	u := 0
	for i := range msgs {
		for u < len(rec.text) && shownCount(rec.text[u]) < i+1 {
			u++
		}
		if u == len(rec.text) {
			return fmt.Errorf("latency: message %d never shown", i)
		}
		lat = append(lat, rec.at[u].Sub(sent[i]))
	}
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	fmt.Printf("stream-latency: fountain p50=%dms p99=%dms at %dk alerts/s, throttle %dms (target p99 <= throttle + 50ms = %dms)\n",
		p50.Milliseconds(), p99.Milliseconds(), perSec/1000, every.Milliseconds(), (every + 50*time.Millisecond).Milliseconds())
	return nil
}

// shownCount reads the count out of a live table's text: the line under
// the column's type.
func shownCount(text string) int {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "i64" && i+1 < len(lines) {
			n, err := strconv.Atoi(strings.TrimSpace(lines[i+1]))
			if err == nil {
				return n
			}
		}
	}
	return -1
}

// decodeRates decodes datums into Arrow and, the peer, into Go structs
// with hamba/avro, and returns both rates (alerts per second).
func decodeRates(datums [][]byte) (arrowRate, structRate float64, err error) {
	dec, err := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	if err != nil {
		return 0, 0, err
	}
	defer dec.Release()
	arrowRate = rate(func() int {
		for _, d := range datums {
			if err := dec.Append(d); err != nil {
				panic(err)
			}
		}
		dec.NewRecord().Release()
		return len(datums)
	})
	structRate = rate(func() int {
		for _, d := range datums {
			if _, err := alert.DecodeZTF(d); err != nil {
				panic(err)
			}
		}
		return len(datums)
	})
	return arrowRate, structRate, nil
}

// startTestbed runs bin/fountain testbed with a fixed number of alerts and
// waits until they are all in the topic.
func startTestbed(n int, flags ...string) (addr string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr = l.Addr().String()
	l.Close()
	cmd := exec.Command("bin/fountain", append([]string{"testbed", "--addr", addr, "--rate", "0", "--speed", "1e12", "--max", strconv.Itoa(n)}, flags...)...)
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
