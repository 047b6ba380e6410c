package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/testbed"
	"github.com/segmentio/kafka-go"
)

// brokersDefault is KAFKA_BROKERS, or localhost:9092.
func brokersDefault() string {
	if b := os.Getenv("KAFKA_BROKERS"); b != "" {
		return b
	}
	return "localhost:9092"
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
}

func runTestbed(args []string) error {
	fs := flag.NewFlagSet("testbed", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9092", "`host:port` for the embedded broker")
	topic := fs.String("topic", "alerts", "topic to produce into")
	partitions := fs.Int("partitions", 4, "partitions of the topic")
	rate := fs.Float64("rate", 1000, "alerts per second (0: paced by --speed)")
	speed := fs.Float64("speed", 0, "simulated seconds per wall-clock second, when --rate is 0")
	seed := fs.Uint64("seed", 1, "seed of the simulated sky")
	schema := fs.String("schema", "ztf", "alert schema: ztf or lsst")
	cutouts := fs.Bool("cutouts", false, "attach gzipped FITS cutouts (about 40 KB an alert)")
	max := fs.Int64("max", 0, "stop producing after this many alerts and keep serving (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *schema != "ztf" && *schema != "lsst" {
		return fmt.Errorf("testbed: --schema %s: want ztf or lsst", *schema)
	}
	tb, err := testbed.Start(testbed.Config{Addr: *addr, Topic: *topic, Partitions: *partitions,
		Rate: *rate, Speed: *speed, Seed: *seed, Cutouts: *cutouts, LSST: *schema == "lsst", MaxAlerts: *max})
	if err != nil {
		return err
	}
	fmt.Printf("testbed ready: broker %s, topic %q (%d partitions), %s alerts; KAFKA_BROKERS=%s; Ctrl-C stops\n",
		tb.Addr(), *topic, *partitions, *schema, tb.Addr())
	ctx, stop := signalContext()
	defer stop()
	<-ctx.Done()
	err = tb.Close()
	fmt.Printf("testbed stopped after %d alerts\n", tb.Produced())
	return err
}

func runAlerts(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: fountain alerts produce|cat ...")
	}
	switch args[0] {
	case "produce":
		return alertsProduce(args[1:])
	case "cat":
		return alertsCat(args[1:])
	}
	return fmt.Errorf("alerts: unknown subcommand %q (produce, cat)", args[0])
}

func alertsProduce(args []string) error {
	fs := flag.NewFlagSet("alerts produce", flag.ContinueOnError)
	brokers := fs.String("brokers", brokersDefault(), "comma-separated broker list")
	topic := fs.String("topic", "alerts", "topic")
	rate := fs.Float64("rate", 1000, "alerts per second (0: as fast as possible, or paced by --speed)")
	speed := fs.Float64("speed", 0, "simulated seconds per wall-clock second, when --rate is 0")
	seed := fs.Uint64("seed", 1, "seed of the simulated sky")
	cutouts := fs.Bool("cutouts", false, "attach gzipped FITS cutouts")
	schema := fs.String("schema", "ztf", "alert schema: ztf or lsst")
	max := fs.Int64("max", 0, "stop after this many alerts (0: run until interrupted)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	bs := strings.Split(*brokers, ",")
	if err := testbed.CheckBrokers(bs); err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	err := testbed.Produce(ctx, testbed.ProduceConfig{Brokers: bs, Topic: *topic, Rate: *rate, Speed: *speed,
		Seed: *seed, Cutouts: *cutouts, LSST: *schema == "lsst", Max: *max})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func alertsCat(args []string) error {
	fs := flag.NewFlagSet("alerts cat", flag.ContinueOnError)
	brokers := fs.String("brokers", "", "comma-separated broker list (default $KAFKA_BROKERS or localhost:9092 when --topic is set)")
	topic := fs.String("topic", "", "topic to read")
	from := fs.String("from", "earliest", "earliest, latest, or a time (RFC 3339 or Unix milliseconds)")
	max := fs.Int("max", 0, "stop after this many alerts (0: no limit)")
	schema := fs.String("schema", "ztf", "schema of the topic's messages: ztf or lsst")
	if err := fs.Parse(args); err != nil {
		return err
	}
	out := json.NewEncoder(os.Stdout)
	if *topic == "" {
		if fs.NArg() == 0 {
			return errors.New("usage: fountain alerts cat FILE.avro... | --topic T [--brokers B] [--from F] [--max N]")
		}
		n := 0
		for _, path := range fs.Args() {
			if err := catFile(path, out, &n, *max); err != nil {
				return err
			}
		}
		return nil
	}
	if *brokers == "" {
		*brokers = brokersDefault()
	}
	decode := func(b []byte) (any, error) { return alert.DecodeZTF(b) }
	if *schema == "lsst" {
		decode = func(b []byte) (any, error) { return alert.DecodeLSST(b) }
	}
	return catTopic(strings.Split(*brokers, ","), *topic, *from, *max, decode, out)
}

func catFile(path string, out *json.Encoder, n *int, max int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := alert.NewContainerReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for max == 0 || *n < max {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := out.Encode(rec); err != nil {
			return err
		}
		*n++
	}
	return nil
}

func catTopic(brokers []string, topic, from string, max int, decode func([]byte) (any, error), out *json.Encoder) error {
	if err := testbed.CheckBrokers(brokers); err != nil {
		return err
	}
	conn, err := (&kafka.Dialer{Timeout: 5 * time.Second}).Dial("tcp", brokers[0])
	if err != nil {
		return err
	}
	parts, err := conn.ReadPartitions(topic)
	conn.Close()
	if err != nil {
		return fmt.Errorf("read partitions of %q: %w", topic, err)
	}
	ctx, stop := signalContext()
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		msg kafka.Message
		err error
	}
	items := make(chan item)
	var wg sync.WaitGroup
	for _, p := range parts {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: topic, Partition: p.ID, MaxWait: 200 * time.Millisecond})
		if err := seek(ctx, r, from); err != nil {
			r.Close()
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer r.Close()
			for {
				m, err := r.ReadMessage(ctx)
				if ctx.Err() != nil {
					return
				}
				select {
				case items <- item{m, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	n := 0
	for max == 0 || n < max {
		var it item
		select {
		case it = <-items:
		case <-ctx.Done():
			wg.Wait()
			return nil
		}
		if it.err != nil {
			fmt.Fprintf(os.Stderr, "alerts cat: %v (retrying)\n", it.err)
			time.Sleep(time.Second)
			continue
		}
		a, err := decode(it.msg.Value)
		if err != nil {
			// A bad message is reported and skipped; the stream goes on.
			fmt.Fprintf(os.Stderr, "alerts cat: partition %d offset %d: %v\n", it.msg.Partition, it.msg.Offset, err)
			continue
		}
		if err := out.Encode(a); err != nil {
			return err
		}
		n++
	}
	cancel()
	wg.Wait()
	return nil
}

// seek positions a partition reader at earliest, latest or a time.
func seek(ctx context.Context, r *kafka.Reader, from string) error {
	switch from {
	case "earliest", "":
		return r.SetOffset(kafka.FirstOffset)
	case "latest":
		return r.SetOffset(kafka.LastOffset)
	}
	t, err := time.Parse(time.RFC3339, from)
	if err != nil {
		ms, perr := strconv.ParseInt(from, 10, 64)
		if perr != nil {
			return fmt.Errorf("--from %q: want earliest, latest, an RFC 3339 time or Unix milliseconds", from)
		}
		t = time.UnixMilli(ms)
	}
	return r.SetOffsetAt(ctx, t)
}
