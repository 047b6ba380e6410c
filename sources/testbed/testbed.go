// Package testbed runs a live alert stream on one machine: a Kafka-protocol
// broker in process (franz-go's kfake) and the simulated survey producing
// into it, so that any Kafka client (kafka-go, franz-go, kcat) can consume
// alerts with no Kafka installed.
package testbed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fountain-go/fountain/internal/brokers"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/sim"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
)

// Config sets up a testbed.
type Config struct {
	Addr       string  // host:port to listen on (default 127.0.0.1:9092; port 0 picks one)
	Topic      string  // default "alerts"
	Partitions int     // default 4
	Rate       float64 // alerts per second of wall time (default 1000; 0 with Speed set: paced by Speed)
	Speed      float64 // simulated seconds per wall second, when Rate is 0
	Seed       uint64
	Cutouts    bool
	LSST       bool   // LSST-style alerts instead of ZTF-style
	NoHistory  bool   // candidate-only alerts (see sim.Config)
	MaxAlerts  int64  // stop producing after this many (0: no limit)
	DataDir    string // keep the broker's log here, so a restarted broker has it
	NoProducer bool   // run the broker alone
}

// Testbed is a running broker with a producer.
type Testbed struct {
	cfg      Config
	cluster  *kfake.Cluster
	addr     string
	produced atomic.Int64
	cancel   context.CancelFunc
	done     chan error

	closeOnce sync.Once // Close twice is harmless
	closeErr  error
}

// Start starts the broker and the producer; Close stops both.
func Start(cfg Config) (*Testbed, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:9092"
	}
	if cfg.Topic == "" {
		cfg.Topic = "alerts"
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = 4
	}
	if cfg.Rate == 0 && cfg.Speed == 0 {
		cfg.Rate = 1000
	}
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("testbed address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("testbed port %q: %w", portStr, err)
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) {
			return net.Listen(network, net.JoinHostPort(host, strconv.Itoa(port)))
		}),
		kfake.SeedTopics(int32(cfg.Partitions), cfg.Topic),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(cfg.Partitions),
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir), kfake.SyncWrites())
	}
	cluster, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("start the embedded broker on %s: %w", cfg.Addr, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tb := &Testbed{cfg: cfg, cluster: cluster, addr: cluster.ListenAddrs()[0], cancel: cancel, done: make(chan error, 1)}
	if cfg.NoProducer {
		close(tb.done)
		return tb, nil
	}
	go func() {
		tb.done <- Produce(ctx, ProduceConfig{Brokers: []string{tb.addr}, Topic: cfg.Topic, Rate: cfg.Rate, Speed: cfg.Speed, Seed: cfg.Seed, Cutouts: cfg.Cutouts, LSST: cfg.LSST, NoHistory: cfg.NoHistory, Max: cfg.MaxAlerts, Count: &tb.produced})
	}()
	return tb, nil
}

// Addr is the broker's address, for KAFKA_BROKERS.
func (t *Testbed) Addr() string { return t.addr }

// Produced is how many alerts have been written so far.
func (t *Testbed) Produced() int64 { return t.produced.Load() }

// Close stops the producer and the broker; closing again does nothing.
func (t *Testbed) Close() error {
	t.closeOnce.Do(func() {
		t.cancel()
		err := <-t.done
		t.cluster.Close()
		if !errors.Is(err, context.Canceled) {
			t.closeErr = err
		}
	})
	return t.closeErr
}

// ProduceConfig sets up a producer of simulated alerts into any Kafka.
type ProduceConfig struct {
	Brokers   []string
	Topic     string
	Rate      float64 // alerts per second (0: paced by Speed, or as fast as possible)
	Speed     float64 // simulated seconds per wall second when Rate is 0
	Seed      uint64
	Cutouts   bool
	LSST      bool          // LSST-style alerts, keyed by diaObjectId (ssObjectId for moving objects)
	NoHistory bool          // candidate-only alerts (see sim.Config)
	Max       int64         // stop after this many alerts (0: no limit)
	Count     *atomic.Int64 // optional: counts produced alerts
}

// Produce writes simulated alerts to a topic, one schemaless Avro datum per
// message keyed by object, until ctx ends or Max is reached.
func Produce(ctx context.Context, cfg ProduceConfig) error {
	if err := brokers.Check(cfg.Brokers); err != nil {
		return err
	}
	w := &kafka.Writer{
		Addr:                   kafka.TCP(cfg.Brokers...),
		Topic:                  cfg.Topic,
		Balancer:               &kafka.Hash{}, // an object's alerts stay in order on one partition
		BatchSize:              1000,
		BatchTimeout:           10 * time.Millisecond,
		RequiredAcks:           kafka.RequireOne,
		AllowAutoTopicCreation: true,
	}
	defer w.Close()
	survey := sim.New(sim.Config{Seed: cfg.Seed, Cutouts: cfg.Cutouts, LSST: cfg.LSST, NoHistory: cfg.NoHistory})
	start := time.Now()
	var n int64
	msgs := make([]kafka.Message, 0, 512)
	for {
		v := survey.Next()
		msgs = msgs[:0]
		for i, a := range v.Alerts {
			if cfg.Max > 0 && n+int64(len(msgs)) >= cfg.Max {
				break
			}
			key, b, err := []byte(a.ObjectID), []byte(nil), error(nil)
			if cfg.LSST {
				la := v.LSST[i]
				id := la.DiaSource.DiaObjectID
				if id == nil {
					id = la.DiaSource.SSObjectID
				}
				key = strconv.AppendInt(nil, *id, 10)
				b, err = alert.EncodeLSST(la)
			} else {
				b, err = alert.EncodeZTF(a)
			}
			if err != nil {
				return err
			}
			msgs = append(msgs, kafka.Message{Key: key, Value: b})
		}
		if err := writeRetry(ctx, w, msgs); err != nil {
			return err
		}
		n += int64(len(msgs))
		if cfg.Count != nil {
			cfg.Count.Add(int64(len(msgs)))
		}
		if cfg.Max > 0 && n >= cfg.Max {
			return nil
		}
		// Pace: the n-th alert is due at n/rate seconds, or each visit's
		// 40 simulated seconds take 40/speed.
		var due time.Time
		switch {
		case cfg.Rate > 0:
			due = start.Add(time.Duration(float64(n) / cfg.Rate * float64(time.Second)))
		case cfg.Speed > 0:
			due = start.Add(time.Duration(float64(survey.Visits()) * 40 / cfg.Speed * float64(time.Second)))
		}
		if d := time.Until(due); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return ctx.Err()
			}
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// writeRetry writes messages, retrying with backoff while the broker is
// unavailable, so a broker restart loses nothing.
func writeRetry(ctx context.Context, w *kafka.Writer, msgs []kafka.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	backoff := 100 * time.Millisecond
	for {
		if err := w.WriteMessages(ctx, msgs...); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return ctx.Err()
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}
