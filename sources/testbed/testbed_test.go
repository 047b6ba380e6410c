package testbed

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/segmentio/kafka-go"
)

func start(t *testing.T, cfg Config) *Testbed {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	tb, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tb.Close() })
	return tb
}

func TestConsumerGroupReadsEveryAlert(t *testing.T) {
	const n = 3000
	tb := start(t, Config{Rate: 0, Speed: 1e9, MaxAlerts: n, Seed: 3})
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: "test-group",
		StartOffset: kafka.FirstOffset, MaxWait: 100 * time.Millisecond,
	})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	seen := map[int64]bool{}
	partitions := map[int]bool{}
	for len(seen) < n {
		m, err := r.ReadMessage(ctx) // commits the offset for the group
		if err != nil {
			t.Fatalf("after %d alerts: %v", len(seen), err)
		}
		a, err := alert.DecodeZTF(m.Value)
		if err != nil {
			t.Fatalf("partition %d offset %d: %v", m.Partition, m.Offset, err)
		}
		if string(m.Key) != a.ObjectID {
			t.Fatalf("key %q, objectId %q", m.Key, a.ObjectID)
		}
		if seen[a.Candid] {
			t.Fatalf("candid %d twice", a.Candid)
		}
		seen[a.Candid] = true
		partitions[m.Partition] = true
	}
	if len(partitions) != 4 {
		t.Fatalf("alerts in %d partitions, want 4", len(partitions))
	}
	// The counter moves after the write returns, so it may trail the reader.
	for deadline := time.Now().Add(5 * time.Second); tb.Produced() < n && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if got := tb.Produced(); got != n {
		t.Fatalf("produced %d, want %d", got, n)
	}
}

func TestKcatReadsTheTopic(t *testing.T) {
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat is not installed (make test installs it)")
	}
	tb := start(t, Config{Rate: 0, Speed: 1e9, MaxAlerts: 200})
	for deadline := time.Now().Add(10 * time.Second); tb.Produced() < 200 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	cmd := exec.Command(kcat, "-b", tb.Addr(), "-t", "alerts", "-C", "-o", "beginning", "-c", "50", "-e", "-q", "-f", "%k\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kcat: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 50 || !strings.HasPrefix(lines[0], "ZTF") {
		t.Fatalf("kcat printed %d keys, first %q", len(lines), lines[0])
	}
}

func TestRatePacing(t *testing.T) {
	tb := start(t, Config{Rate: 2000})
	time.Sleep(1500 * time.Millisecond)
	// Loose bounds: pacing, not speed, is under test.
	if got := tb.Produced(); got < 500 || got > 4500 {
		t.Fatalf("produced %d alerts in 1.5 s at 2000/s", got)
	}
}

func TestUnreachableBrokerFailsFast(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	err := Produce(ctx, ProduceConfig{Brokers: []string{"127.0.0.1:1"}, Topic: "alerts", Max: 10})
	if err == nil {
		t.Fatal("producing to a closed port succeeded")
	}
	if !strings.Contains(err.Error(), "no Kafka broker reachable") || time.Since(start) > 6*time.Second {
		t.Fatalf("after %v: %v; want a clear error within seconds", time.Since(start), err)
	}
}

// Closing twice (a notebook cell run again) returns at once.
func TestCloseTwice(t *testing.T) {
	tb, err := Start(Config{Addr: "127.0.0.1:0", Rate: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- tb.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second Close hangs")
	}
}
