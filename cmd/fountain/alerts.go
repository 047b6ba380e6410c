package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/internal/brokers"
	"github.com/fountain-go/fountain/sources/alert"
	fkafka "github.com/fountain-go/fountain/sources/kafka"
	"github.com/fountain-go/fountain/sources/testbed"
	"github.com/hamba/avro/v2"
)

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
	history := fs.Bool("history", true, "attach each object's last 30 days (prv_candidates); false: candidate-only alerts")
	max := fs.Int64("max", 0, "stop producing after this many alerts and keep serving (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *schema != "ztf" && *schema != "lsst" {
		return fmt.Errorf("testbed: --schema %s: want ztf or lsst", *schema)
	}
	tb, err := testbed.Start(testbed.Config{Addr: *addr, Topic: *topic, Partitions: *partitions,
		Rate: *rate, Speed: *speed, Seed: *seed, Cutouts: *cutouts, LSST: *schema == "lsst", NoHistory: !*history, MaxAlerts: *max})
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
	brokersFlag := fs.String("brokers", strings.Join(brokers.FromEnv(), ","), "comma-separated broker list")
	topic := fs.String("topic", "alerts", "topic")
	rate := fs.Float64("rate", 1000, "alerts per second (0: as fast as possible, or paced by --speed)")
	speed := fs.Float64("speed", 0, "simulated seconds per wall-clock second, when --rate is 0")
	seed := fs.Uint64("seed", 1, "seed of the simulated sky")
	cutouts := fs.Bool("cutouts", false, "attach gzipped FITS cutouts")
	history := fs.Bool("history", true, "attach each object's last 30 days (prv_candidates); false: candidate-only alerts")
	schema := fs.String("schema", "ztf", "alert schema: ztf or lsst")
	max := fs.Int64("max", 0, "stop after this many alerts (0: run until interrupted)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	bs := strings.Split(*brokersFlag, ",")
	ctx, stop := signalContext()
	defer stop()
	err := testbed.Produce(ctx, testbed.ProduceConfig{Brokers: bs, Topic: *topic, Rate: *rate, Speed: *speed,
		Seed: *seed, Cutouts: *cutouts, LSST: *schema == "lsst", NoHistory: !*history, Max: *max})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func alertsCat(args []string) error {
	fs := flag.NewFlagSet("alerts cat", flag.ContinueOnError)
	brokersFlag := fs.String("brokers", "", "comma-separated broker list (default $KAFKA_BROKERS or localhost:9092 when --topic is set)")
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
	bs := brokers.FromEnv()
	if *brokersFlag != "" {
		bs = strings.Split(*brokersFlag, ",")
	}
	sc := alert.ZTFSchema()
	if *schema == "lsst" {
		sc = alert.LSSTSchema()
	}
	return catTopic(bs, *topic, *from, *max, sc)
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

// catTopic prints a topic's alerts as JSON lines, through the same
// kafka.Source cells use (offsets, batching, dead letters).
func catTopic(bs []string, topic, from string, max int, schema avro.Schema) error {
	ctx, stop := signalContext()
	defer stop()
	src, err := fkafka.Open(ctx, fkafka.Config{Brokers: bs, Topic: topic, From: from, Schema: schema, BatchRows: 1024})
	if err != nil {
		return err
	}
	defer src.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	n, reported := 0, 0
	for max == 0 || n < max {
		rec, err := src.Next(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		rows := rec.NumRows()
		if max > 0 {
			rows = min(rows, int64(max-n))
		}
		err = array.RecordToJSON(alertColumns(rec, rows), out)
		rec.Release()
		if err != nil {
			return err
		}
		n += int(rows)
		out.Flush()
		// A bad message is reported and skipped; the stream goes on.
		dead := src.DeadLetters()
		for _, d := range dead[reported:] {
			fmt.Fprintf(os.Stderr, "alerts cat: partition %d offset %d: %v\n", d.Partition, d.Offset, d.Err)
		}
		reported = len(dead)
	}
	return nil
}

// alertColumns returns the first rows of rec without the Kafka metadata columns.
func alertColumns(rec arrow.Record, rows int64) arrow.Record {
	var fields []arrow.Field
	var cols []arrow.Array
	for i, f := range rec.Schema().Fields() {
		if !strings.HasPrefix(f.Name, "kafka_") {
			fields = append(fields, f)
			cols = append(cols, array.NewSlice(rec.Column(i), 0, rows))
		}
	}
	out := array.NewRecord(arrow.NewSchema(fields, nil), cols, rows)
	for _, c := range cols {
		c.Release()
	}
	return out
}
